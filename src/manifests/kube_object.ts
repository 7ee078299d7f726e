/** KubeObject and ResourceKey: the shapes every part of Nopea passes around. */

/** Object metadata as Nopea reads it; unknown fields are kept. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  managedFields?: ManagedFieldsEntry[];
  ownerReferences?: Record<string, unknown>[];
  finalizers?: string[];
  [field: string]: unknown;
}

/** One entry of `metadata.managedFields` (FieldsV1). */
export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time?: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Identifies one object: apiVersion, kind, namespace (absent when cluster-scoped) and name. */
export interface ResourceKey {
  apiVersion: string;
  kind: string;
  namespace?: string;
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
 * import { keyOf } from "./kube_object.ts";
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
 * import { formatKey } from "./kube_object.ts";
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
