/** Normalizing objects for comparison: server-owned fields stripped, keys sorted, stable JSON. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { foldStringData } from "../secrets/mod.ts";

/** Metadata fields the API server writes. */
const SERVER_METADATA = [
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
];

/**
 * Annotations that are bookkeeping rather than intent: written by controllers and kubectl, or
 * changing on every deploy (`nopea.io/deploy-id`).
 */
export const BOOKKEEPING_ANNOTATIONS: readonly string[] = [
  "deployment.kubernetes.io/revision",
  "kubectl.kubernetes.io/last-applied-configuration",
  "nopea.io/deploy-id",
];

/** Options of {@linkcode normalize}. */
export interface NormalizeOptions {
  /** More annotation keys to drop, besides {@linkcode BOOKKEEPING_ANNOTATIONS}. */
  dropAnnotations?: readonly string[];
}

/**
 * A copy of `obj` without what the server owns: `status`, metadata `uid`, `resourceVersion`,
 * `generation`, `creationTimestamp`, `managedFields`, `selfLink`, `deletionTimestamp`, the
 * {@linkcode BOOKKEEPING_ANNOTATIONS}, and empty `labels`/`annotations` maps. A Secret's
 * `stringData` is folded into `data` (base64) as the server does on write. Keys are sorted at
 * every level, so `JSON.stringify` of the result is stable.
 *
 * @param obj The object, as sent or as read from the cluster.
 * @param options Extra annotations to drop.
 * @returns A new object; `obj` is not changed.
 *
 * @example
 * ```ts
 * import { normalize } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const live = {
 *   kind: "ConfigMap", apiVersion: "v1", data: { b: "2", a: "1" },
 *   metadata: { name: "web", uid: "1f3", resourceVersion: "42", creationTimestamp: "2026-01-01T00:00:00Z" },
 * };
 * equal(JSON.stringify(normalize(live)),
 *   '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"name":"web"}}');
 * ```
 */
export function normalize(obj: KubeObject, options: NormalizeOptions = {}): KubeObject {
  const { status: _status, ...rest } = obj;
  const metadata: Record<string, unknown> = { ...obj.metadata };
  for (const field of SERVER_METADATA) delete metadata[field];
  const drop = [...BOOKKEEPING_ANNOTATIONS, ...(options.dropAnnotations ?? [])];
  if (isPlainObject(metadata.annotations)) {
    const annotations = { ...metadata.annotations };
    for (const key of drop) delete annotations[key];
    metadata.annotations = annotations;
  }
  for (const map of ["labels", "annotations"]) {
    const value = metadata[map];
    if (isPlainObject(value) && Object.keys(value).length === 0) delete metadata[map];
  }
  const stripped = { ...rest, metadata };
  return sortKeys(foldStringData(stripped)) as KubeObject;
}

/**
 * JSON with object keys sorted at every level: equal values give equal strings.
 *
 * @example
 * ```ts
 * import { stableJson } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(stableJson({ b: 1, a: [{ d: 1, c: 2 }] }), '{"a":[{"c":2,"d":1}],"b":1}');
 * ```
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

/** A copy of `value` with object keys sorted and `undefined` fields left out, at every level. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (value[key] !== undefined) sorted[key] = sortKeys(value[key]);
  }
  return sorted;
}
