/** Node identity: first 16 bytes of BLAKE2b-512 over "<kind>:<canonical name>", hex (external-formats §2.3). */
import { blake2b } from "@noble/hashes/blake2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * The canonical form of a name: error names are lowercased, everything else is kept.
 *
 * @example
 * ```ts
 * import { canonicalName } from "./identity.ts";
 * import { equal } from "node:assert/strict";
 * equal(canonicalName("error", "ImagePullBackOff"), "imagepullbackoff");
 * ```
 */
export function canonicalName(kind: string, name: string): string {
  return kind === "error" ? name.toLowerCase() : name;
}

/**
 * The id of a node: lowercase hex of the first 16 bytes of BLAKE2b with a 64-byte
 * digest over `"<kind>:<canonical name>"` (not BLAKE2b-128).
 *
 * @example Test vector of external-formats §2.3
 * ```ts
 * import { nodeId } from "./identity.ts";
 * import { equal } from "node:assert/strict";
 * equal(nodeId("concept", "auth-service"), "d21883ee20339e8068e946dd74726973");
 * ```
 */
export function nodeId(kind: string, name: string): string {
  const input = `${kind}:${canonicalName(kind, name)}`;
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  const id = bytesToHex(blake2b(utf8ToBytes(input), { dkLen: 64 }).subarray(0, 16));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(input, id);
  return id;
}
