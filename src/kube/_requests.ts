/**
 * The requests of KubeCluster: the resource and namespace a key goes to (kinds resolved through
 * discovery), and the path, query, body and content type of each write.
 */
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import type { ApplyOptions, DeleteOptions, PatchOptions, ResourceInfo } from "./cluster_port.ts";
import type { StatusContext } from "./status_error.ts";
import { unknownKindError } from "./_errors.ts";
import { applyBody, headOf } from "./_objects.ts";
import { resourcePath, withQuery } from "./_paths.ts";
import type { HttpRequest } from "./_http_session.ts";

/** Finds the resource that serves a kind (discovery); `undefined` when none does. */
export type FindResource = (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>;

/** The resource and the key, with its namespace settled, that a request about a key goes to. */
export interface ResourceTarget {
  info: ResourceInfo;
  target: ResourceKey;
}

/** Resolves kinds with `find` and fills in `namespace` for namespaced resources. */
export class ResourceTargets {
  readonly #find: FindResource;
  readonly #namespace: string;

  constructor(find: FindResource, namespace: string) {
    this.#find = find;
    this.#namespace = namespace;
  }

  /** The resource of a kind; `KUBE_NOT_FOUND_KIND` (titled by `head`) when none serves it. */
  async resolve(apiVersion: string, kind: string, head: string): Promise<ResourceInfo> {
    const info = await this.#find(apiVersion, kind);
    if (!info) throw unknownKindError(head, apiVersion, kind);
    return info;
  }

  /** The resource of a key and the key with its namespace settled (defaulted or dropped). */
  async target(verb: StatusContext["verb"], key: ResourceKey): Promise<ResourceTarget> {
    const info = await this.resolve(key.apiVersion, key.kind, headOf(verb, key));
    const { namespace: _given, ...rest } = key;
    return { info, target: { ...rest, ...this.scope(info, key.namespace) } as ResourceKey };
  }

  /** The namespace part of a key: the given or default namespace, or none (cluster-scoped). */
  scope(info: ResourceInfo, namespace: string | undefined): { namespace?: string } {
    return info.namespaced ? { namespace: namespace || this.#namespace } : {};
  }
}

/** The request of a server-side apply of `obj` to `target` (`obj` without `managedFields`). */
export function applyRequest(
  info: ResourceInfo,
  target: ResourceKey,
  obj: KubeObject,
  options: ApplyOptions,
): HttpRequest {
  const path = withQuery(resourcePath(info, target), {
    fieldManager: options.fieldManager ?? "nopea",
    force: options.force === true,
    dryRun: options.dryRun ? "All" : undefined,
  });
  const body = applyBody(obj);
  const contentType = "application/apply-patch+yaml";
  return { method: "PATCH", path, body, contentType };
}

/** The request of a merge patch or JSON patch (`options.type`), of `target` or a subresource. */
export function patchRequest(
  info: ResourceInfo,
  target: ResourceKey,
  patch: unknown,
  options: PatchOptions,
): HttpRequest {
  const path = withQuery(resourcePath(info, { ...target, subresource: options.subresource }), {
    fieldManager: options.fieldManager ?? "nopea",
    dryRun: options.dryRun ? "All" : undefined,
  });
  const contentType = options.type === "json"
    ? "application/json-patch+json"
    : "application/merge-patch+json";
  return { method: "PATCH", path, body: JSON.stringify(patch), contentType };
}

/** A delete with its propagation policy and, when given, its preconditions. */
export function deleteRequest(
  info: ResourceInfo,
  target: ResourceKey,
  options: DeleteOptions,
): HttpRequest {
  const path = withQuery(resourcePath(info, target), {
    propagationPolicy: options.propagationPolicy,
    dryRun: options.dryRun ? "All" : undefined,
  });
  const body = options.preconditions
    ? JSON.stringify({
      apiVersion: "v1",
      kind: "DeleteOptions",
      preconditions: options.preconditions,
    })
    : undefined;
  return { method: "DELETE", path, ...(body ? { body } : {}) };
}
