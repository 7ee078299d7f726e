/** JSON helpers of the store: structural equality, object narrowing and path access. */
import type { JsonObject } from "../types.ts";

import { isObject } from "../_json.ts";

export { cloneJson, isObject, jsonEqual } from "../_json.ts";

/** The object at `obj[key]`, created (and attached) when absent or not an object. */
export function child(obj: JsonObject, key: string): JsonObject {
  const value = obj[key];
  if (isObject(value)) return value;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

/** The value at a dotted path, or `undefined`. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const part of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** The `metadata` object of a stored object (always present on stored objects). */
export function meta(obj: JsonObject): JsonObject {
  return child(obj, "metadata");
}

/** `metadata.name` as a string (`""` when absent). */
export function nameOf(obj: JsonObject): string {
  const m = obj["metadata"];
  return isObject(m) && typeof m["name"] === "string" ? m["name"] : "";
}

/** `metadata.namespace` as a string (`""` when absent). */
export function namespaceOf(obj: JsonObject): string {
  const m = obj["metadata"];
  return isObject(m) && typeof m["namespace"] === "string" ? m["namespace"] : "";
}

/** `metadata.labels` as a string map (empty when absent). */
export function labelsOf(obj: JsonObject): Record<string, string> {
  const m = obj["metadata"];
  const labels = isObject(m) ? m["labels"] : undefined;
  return isObject(labels) ? labels as Record<string, string> : {};
}

/** `apiVersion` for a group and version (`"v1"` for the core group). */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
