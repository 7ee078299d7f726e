/** Small helpers for the adapter: error heads, response objects, apply bodies. */
import { NopeaError } from "../shared/mod.ts";
import { isPlainObject, type KubeObject, type ResourceKey } from "../manifests/mod.ts";

/** `Cannot apply Deployment "api" in namespace "prod"`. */
export function headOf(verb: string, key: ResourceKey): string {
  const where = key.namespace ? ` in namespace "${key.namespace}"` : "";
  return `Cannot ${verb} ${key.kind} "${key.name}"${where}`;
}

/** `Cannot list Deployment in namespace "prod"` (or across all namespaces). */
export function collectionHead(verb: string, kind: string, namespace?: string): string {
  return `Cannot ${verb} ${kind}${namespace ? ` in namespace "${namespace}"` : ""}`;
}

/** Parses a successful JSON response body. */
export function parseBody(text: string, head: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new NopeaError(
      "KUBE_SERVER_ERROR",
      `${head}: the API server sent a body that is not JSON`,
      {
        hint: "Check that the kubeconfig points at a Kubernetes API server",
        cause,
      },
    );
  }
}

/** A response body as a KubeObject, with `apiVersion`/`kind` filled in when the server left them out. */
export function asObject(
  body: unknown,
  apiVersion: string,
  kind: string,
  head: string,
): KubeObject {
  if (!isPlainObject(body) || !isPlainObject(body["metadata"])) {
    throw new NopeaError(
      "KUBE_SERVER_ERROR",
      `${head}: the API server sent something that is not a Kubernetes object`,
      { hint: "Check that the kubeconfig points at a Kubernetes API server" },
    );
  }
  return { apiVersion, kind, ...body } as KubeObject;
}

/** The items of a list body, and its `continue` token. */
export function listPage(
  body: unknown,
  apiVersion: string,
  kind: string,
  head: string,
): { items: KubeObject[]; next: string | undefined; resourceVersion: string } {
  const items = isPlainObject(body) && Array.isArray(body["items"]) ? body["items"] : [];
  const meta = isPlainObject(body) && isPlainObject(body["metadata"]) ? body["metadata"] : {};
  const next = typeof meta["continue"] === "string" && meta["continue"]
    ? meta["continue"]
    : undefined;
  return {
    items: items.map((item) => asObject(item, apiVersion, kind, head)),
    next,
    resourceVersion: typeof meta["resourceVersion"] === "string" ? meta["resourceVersion"] : "",
  };
}

/** The body of a server-side apply: the object without `managedFields`, which apply refuses. */
export function applyBody(obj: KubeObject): string {
  const { managedFields: _ignored, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}
