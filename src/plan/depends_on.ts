/** dependsOnServices: which Services of other deploys a manifest set talks to (memory's depends_on). */
import { isPlainObject, type KubeObject, parseApiVersion } from "../manifests/mod.ts";
import { containersOf } from "./_pod_specs.ts";

/** A Kubernetes Service that some other deploy created. */
export interface KnownService {
  /** The Service's name. */
  readonly name: string;
  /** The Service's namespace. */
  readonly namespace: string;
  /** The Nopea service whose deploy created it, when known. */
  readonly service?: string;
}

/** Options of {@linkcode dependsOnServices}. */
export interface DependsOnOptions {
  /** Namespace of objects that name none (short names resolve in it). @default "default" */
  namespace?: string;
}

/** A whole value that is a host, `host:port` or a URL to it, for short (unqualified) names. */
const HOST_VALUE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([a-z0-9-]+)(?::\d+)?(?:\/\S*)?$/;

function isCore(obj: KubeObject, kind: string): boolean {
  return obj.kind === kind && parseApiVersion(obj.apiVersion).group === "";
}

/** Env values of every container, and ConfigMap data values. */
function referenceTexts(obj: KubeObject): string[] {
  const texts: string[] = [];
  for (const container of containersOf(obj)) {
    const env = Array.isArray(container.env) ? container.env : [];
    for (const entry of env) {
      if (isPlainObject(entry) && typeof entry["value"] === "string") texts.push(entry["value"]);
    }
  }
  const data = obj["data"];
  if (isCore(obj, "ConfigMap") && isPlainObject(data)) {
    for (const value of Object.values(data)) if (typeof value === "string") texts.push(value);
  }
  return texts;
}

/** `svc.ns`, `svc.ns.svc` and `svc.ns.svc.cluster.local` anywhere in the text, as `ns/svc`. */
function qualifiedRefs(text: string): string[] {
  const refs: string[] = [];
  for (const token of text.toLowerCase().split(/[^a-z0-9.-]+/)) {
    const parts = token.replace(/\.$/, "").split(".");
    const [svc, ns, ...rest] = parts;
    if (svc === undefined || ns === undefined || svc === "" || ns === "") continue;
    const suffix = rest.join(".");
    if (suffix === "" || suffix === "svc" || suffix === "svc.cluster.local") {
      refs.push(`${ns}/${svc}`);
    }
  }
  return refs;
}

/** Short names: values (or comma-separated parts) that are `svc`, `svc:port` or a URL to it. */
function shortRefs(text: string, namespace: string): string[] {
  return text.toLowerCase().split(/[,;]/).flatMap((raw) => {
    const part = raw.trim();
    const host = HOST_VALUE.exec(part)?.[1];
    return host === undefined ? [] : [`${namespace}/${host}`];
  });
}

/**
 * The Services of other deploys that these objects reference by DNS name in container env values
 * or ConfigMap data: `<svc>` (same namespace; a whole value or comma-separated part that is
 * `svc`, `svc:port` or a URL to it),
 * `<svc>.<ns>`, `<svc>.<ns>.svc` and `<svc>.<ns>.svc.cluster.local`, each with an optional port.
 * Services defined by the objects themselves are not dependencies.
 *
 * @param objects The manifest set (namespaces defaulted or given by `options.namespace`).
 * @param knownServices Services created by other deploys.
 * @returns The referenced known services, deduplicated, sorted by namespace and name.
 *
 * @example
 * ```ts
 * import { dependsOnServices } from "./depends_on.ts";
 * import { deepEqual } from "node:assert/strict";
 * const deploy = {
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" },
 *   spec: { template: { spec: { containers: [{ name: "web", image: "web:1", env: [
 *     { name: "CART_ADDR", value: "cart:7070" },
 *     { name: "DB_URL", value: "postgres://db.data.svc.cluster.local:5432/app" },
 *   ] }] } } },
 * };
 * const known = [{ name: "cart", namespace: "shop" }, { name: "db", namespace: "data" }];
 * deepEqual(dependsOnServices([deploy], known).map((s) => s.name), ["db", "cart"]);
 * ```
 */
export function dependsOnServices(
  objects: readonly KubeObject[],
  knownServices: readonly KnownService[],
  options: DependsOnOptions = {},
): KnownService[] {
  const fallback = options.namespace ?? "default";
  const own = new Set(
    objects.filter((o) => isCore(o, "Service"))
      .map((o) => `${o.metadata.namespace || fallback}/${o.metadata.name}`),
  );
  const known = new Map(knownServices.map((s) => [`${s.namespace}/${s.name}`, s]));
  const found = new Map<string, KnownService>();
  for (const obj of objects) {
    const namespace = obj.metadata.namespace || fallback;
    for (const text of referenceTexts(obj)) {
      for (const ref of [...qualifiedRefs(text), ...shortRefs(text, namespace)]) {
        const service = known.get(ref);
        if (service !== undefined && !own.has(ref)) found.set(ref, service);
      }
    }
  }
  return [...found.keys()].sort().map((ref) => found.get(ref)!);
}
