/** The content address of a stored manifest set. */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The content address of a manifest set: hex SHA-256 of its canonical JSON (keys sorted), so the
 * same objects always give the same hash. Memory hashes the set as it stores it, Secret values in
 * the stored form (`maskForStore` of `src/secrets/`).
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
  return bytesToHex(sha256(utf8ToBytes(canonical(objects))));
}
