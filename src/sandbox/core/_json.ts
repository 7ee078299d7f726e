/** JSON helpers of the store: structural equality, object narrowing and path access. */
import type { JsonObject } from "../types.ts";

/** True when `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject, bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) {
    if (!(k in bo) || !jsonEqual(ao[k], bo[k])) return false;
  }
  return true;
}

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

/** A deep copy of a JSON value (several times faster than `structuredClone` for API objects). */
export function cloneJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const v = cloneJson((value as JsonObject)[key]);
    if (key === "__proto__") {
      Object.defineProperty(out, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[key] = v;
  }
  return out as T;
}
