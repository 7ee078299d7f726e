/** KubeObject and ResourceKey: the shapes every part of Nopea passes around. */

/** Object metadata as Nopea reads it; unknown fields are kept. */
export interface ObjectMeta {
  /** The object's name; absent when `generateName` is used. */
  name?: string;
  /** A prefix the server completes into a unique name. */
  generateName?: string;
  /** The namespace; absent for cluster-scoped objects or to use the default. */
  namespace?: string;
  /** Labels, for selection. */
  labels?: Record<string, string>;
  /** Annotations: free-form metadata. */
  annotations?: Record<string, string>;
  /** The server-assigned unique id. */
  uid?: string;
  /** The server's version of the object, for optimistic concurrency and watches. */
  resourceVersion?: string;
  /** Bumped by the server on every change of the desired state. */
  generation?: number;
  /** When the server created the object (RFC 3339). */
  creationTimestamp?: string;
  /** Set when deletion was requested and finalizers are pending (RFC 3339). */
  deletionTimestamp?: string;
  /** Which field manager owns which fields (server-side apply). */
  managedFields?: ManagedFieldsEntry[];
  /** The objects this one belongs to (garbage collection). */
  ownerReferences?: Record<string, unknown>[];
  /** Names that must be removed before the object is deleted. */
  finalizers?: string[];
  /** Any other metadata field, kept as read. */
  [field: string]: unknown;
}

/** One entry of `metadata.managedFields` (FieldsV1). */
export interface ManagedFieldsEntry {
  /** The field manager's name (`nopea`, `kubectl`, ...). */
  manager: string;
  /** `Apply` for server-side apply, `Update` for other writes. */
  operation: "Apply" | "Update";
  /** The apiVersion the fields were written with. */
  apiVersion: string;
  /** When the fields were last changed (RFC 3339). */
  time?: string;
  /** The format of `fieldsV1`; always `FieldsV1`. */
  fieldsType: "FieldsV1";
  /** The owned fields as a FieldsV1 trie (`f:spec`, `k:{...}`, `v:...`, `.`). */
  fieldsV1: Record<string, unknown>;
  /** The subresource written through (`status`, `scale`); absent for the main resource. */
  subresource?: string;
}

/** A Kubernetes object as JSON. */
export interface KubeObject {
  /** `group/version`, or `version` for the core group (`apps/v1`, `v1`). */
  apiVersion: string;
  /** The kind (`Deployment`). */
  kind: string;
  /** Name, namespace, labels and other metadata. */
  metadata: ObjectMeta;
  /** `spec`, `data`, `status` and any other top-level field. */
  [field: string]: unknown;
}

/** Identifies one object: apiVersion, kind, namespace (absent when cluster-scoped) and name. */
export interface ResourceKey {
  /** `group/version`, or `version` for the core group. */
  apiVersion: string;
  /** The kind. */
  kind: string;
  /** The namespace; absent when cluster-scoped. */
  namespace?: string;
  /** The object's name. */
  name: string;
}

/** Group and version split out of an apiVersion (`"apps/v1"` → `{group: "apps", version: "v1"}`). */
export interface GroupVersion {
  group: string;
  version: string;
}

/**
 * Splits an apiVersion into group and version; the core group is `""`.
 *
 * @example
 * ```ts
 * import { parseApiVersion } from "./kube_object.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseApiVersion("v1"), { group: "", version: "v1" });
 * deepEqual(parseApiVersion("apps/v1"), { group: "apps", version: "v1" });
 * ```
 */
export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The key of an object.
 *
 * @example
 * ```ts
 * import { keyOf } from "@nopea/nopea";
 * import { deepEqual } from "node:assert/strict";
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "x" } };
 * deepEqual(keyOf(cm), { apiVersion: "v1", kind: "ConfigMap", namespace: "x", name: "a" });
 * ```
 */
export function keyOf(obj: KubeObject): ResourceKey {
  const ns = obj.metadata.namespace;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    ...(ns ? { namespace: ns } : {}),
    name: obj.metadata.name ?? "",
  };
}

/**
 * A readable, unique string for a key: `Kind/namespace/name` (`Kind/name` when cluster-scoped),
 * with the group appended to the kind when it is not core (`Deployment.apps/ns/api`).
 *
 * @example
 * ```ts
 * import { formatKey } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * equal(formatKey({ apiVersion: "apps/v1", kind: "Deployment", namespace: "p", name: "api" }), "Deployment.apps/p/api");
 * ```
 */
export function formatKey(key: ResourceKey): string {
  const { group } = parseApiVersion(key.apiVersion);
  const kind = group ? `${key.kind}.${group}` : key.kind;
  return key.namespace ? `${kind}/${key.namespace}/${key.name}` : `${kind}/${key.name}`;
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
