/** JSON helpers of the controllers: narrowing, equality, stable serialization and merge patch. */
import type { JsonObject } from "../types.ts";

/** True when `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` when it is an object, else a fresh empty object. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** The string `value`, or `undefined`. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The finite number `value`, or `undefined`. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The objects in the array `value` (non-objects dropped). */
export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A string map (labels, annotations); non-string values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) if (typeof v === "string") out[k] = v;
  return out;
}

/** The metadata fields the controllers read. */
export interface Meta {
  name: string;
  namespace: string;
  uid: string;
  generation: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationMs: number | undefined;
  deleting: boolean;
}

/** The name, namespace and uid of an object: what identifies it, read without the rest. */
export function identityOf(o: JsonObject): { name: string; namespace: string; uid: string } {
  const m = obj(o["metadata"]);
  return {
    name: str(m["name"]) ?? "",
    namespace: str(m["namespace"]) ?? "",
    uid: str(m["uid"]) ?? "",
  };
}

/** Reads `metadata` of a stored object. */
export function metaOf(o: JsonObject): Meta {
  const m = obj(o["metadata"]);
  const created = str(m["creationTimestamp"]);
  const ms = created === undefined ? NaN : Date.parse(created);
  return {
    name: str(m["name"]) ?? "",
    namespace: str(m["namespace"]) ?? "",
    uid: str(m["uid"]) ?? "",
    generation: num(m["generation"]) ?? 0,
    labels: stringMap(m["labels"]),
    annotations: stringMap(m["annotations"]),
    creationMs: Number.isNaN(ms) ? undefined : ms,
    deleting: m["deletionTimestamp"] !== undefined && m["deletionTimestamp"] !== null,
  };
}

/** Structural equality of two JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && jsonEqual(a[k], b[k]));
}

/** JSON with object keys sorted, so equal values always serialize the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Applies an RFC 7386 JSON merge patch to `target` (neither argument is modified). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Drops keys whose value is `undefined`, so optional fields stay absent. */
export function compact(o: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
