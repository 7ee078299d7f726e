/** REST paths and query strings of the Kubernetes API. */
import { parseApiVersion } from "../manifests/mod.ts";
import type { ResourceInfo } from "./cluster_port.ts";

/** The discovery path of an apiVersion: `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(apiVersion: string): string {
  const { group, version } = parseApiVersion(apiVersion);
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** Which objects of a resource a path addresses. */
export interface PathTarget {
  /** Ignored for cluster-scoped resources; a collection across namespaces when absent. */
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: string | undefined;
}

/** The path of a collection, an object or an object's subresource. */
export function resourcePath(info: ResourceInfo, target: PathTarget = {}): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && target.namespace
    ? `/namespaces/${encodeURIComponent(target.namespace)}`
    : "";
  const name = target.name === undefined ? "" : `/${encodeURIComponent(target.name)}`;
  const sub = target.name !== undefined && target.subresource ? `/${target.subresource}` : "";
  return `${base}${ns}/${info.plural}${name}${sub}`;
}

/** Appends the defined, non-empty parameters as a query string. */
export function withQuery(
  path: string,
  query: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "" && value !== false) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
