/** The content address of a stored manifest set. */
import { createHash } from "node:crypto";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

/** Objects with their keys in sorted order, for `JSON.stringify` (native, so fast). */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  // Most objects are in order already: no copy (a copy drops a `__proto__` key, so those copy).
  if (inOrder(keys)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of keys.sort()) sorted[key] = value[key];
  return sorted;
}

/** Whether the keys are in `sort()` order (UTF-16 code units), none of them `__proto__`. */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  return !keys.includes("__proto__");
}

/**
 * The content address of a manifest set: hex SHA-256 of its canonical JSON (keys sorted, no
 * spaces, undefined fields left out), so the same objects always give the same hash. Memory hashes
 * the set as it stores it, Secret values in the stored form (`maskForStore` of `src/secrets/`).
 * The text is built by the native `JSON.stringify` and hashed by the native SHA-256: the digests
 * are those of the hand-written canonical form and `@noble/hashes` used before.
 *
 * @example
 * ```ts
 * import { manifestSetHash } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const a = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { x: "1", y: "2" } };
 * const b = { kind: "ConfigMap", data: { y: "2", x: "1" }, apiVersion: "v1", metadata: { name: "a" } };
 * equal(manifestSetHash([a]), manifestSetHash([b]));
 * ```
 */
export function manifestSetHash(objects: readonly KubeObject[]): string {
  const canonical = JSON.stringify(objects, sortedKeys) ?? "null";
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}
