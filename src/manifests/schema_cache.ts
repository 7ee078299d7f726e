/**
 * The schema checks' verdicts, kept so that a manifest text already found valid is not checked
 * again: an unchanged redeploy then loads no validator at all. Only the schema checks are
 * skipped; parsing, structure, names, duplicates and namespace conflicts are checked every time.
 */
import { createHmac } from "node:crypto";

/**
 * What gives a verdict: the `kubernetes-models` release whose OpenAPI schemas check built-in
 * kinds, and the revision of Nopea's own use of them. Changing either (a test compares the
 * release with the import map) makes every kept verdict stale.
 */
export const SCHEMA_CHECKER = "kubernetes-models@5.1.0/checks@1";

/**
 * Manifest texts whose every object passed the schema checks. A cache: losing a verdict only
 * costs a check; a verdict must only ever be kept for a text that passed. Texts are kept as keyed
 * digests (see {@linkcode schemaDigest}), never as text: a manifest may hold Secret values.
 */
export interface SchemaCheckCache {
  /** The indexes of those `texts` that passed before. */
  passed(texts: readonly string[]): Promise<ReadonlySet<number>>;
  /** Keeps `texts` as passed. Never rejects: a verdict not kept costs a check later. */
  remember(texts: readonly string[]): Promise<void>;
}

/** How many verdicts a cache keeps by default (the most recent ones). */
export const SCHEMA_CACHE_LIMIT = 4096;

/**
 * The verdict key of a manifest text: HMAC-SHA-256 under the cache's own random `key` (hex) of
 * {@linkcode SCHEMA_CHECKER} and the text, hex. Keyed, so that a low-entropy Secret value in a
 * manifest cannot be found by hashing guesses without the key.
 *
 * @example
 * ```ts
 * import { schemaDigest } from "./schema_cache.ts";
 * import { equal, notEqual } from "node:assert/strict";
 * const key = "00".repeat(32);
 * equal(schemaDigest("kind: ConfigMap\n", key).length, 64);
 * notEqual(schemaDigest("kind: ConfigMap\n", key), schemaDigest("kind: ConfigMap\n", "11".repeat(32)));
 * ```
 */
export function schemaDigest(text: string, key: string): string {
  const bytes = Uint8Array.from(key.match(/../g) ?? [], (h) => parseInt(h, 16));
  return createHmac("sha256", bytes).update(`${SCHEMA_CHECKER}\n`).update(text).digest("hex");
}

/** A new random key for {@linkcode schemaDigest} (32 bytes, hex). */
export function newSchemaKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `known` followed by `added` (each once, at its latest place), keeping the last `limit`. */
export function mergeVerdicts(
  known: readonly string[],
  added: readonly string[],
  limit: number,
): string[] {
  const fresh = new Set(added);
  const merged = [...known.filter((d) => !fresh.has(d)), ...fresh];
  return merged.slice(Math.max(0, merged.length - limit));
}

/**
 * A cache held in this process only (tests, and library users who want one per engine).
 *
 * @example
 * ```ts
 * import { inMemorySchemaCheckCache } from "./schema_cache.ts";
 * import { deepEqual } from "node:assert/strict";
 * const cache = inMemorySchemaCheckCache();
 * await cache.remember(["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n"]);
 * deepEqual(
 *   await cache.passed(["kind: Secret\n", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n"]),
 *   new Set([1]),
 * );
 * ```
 */
export function inMemorySchemaCheckCache(limit = SCHEMA_CACHE_LIMIT): SchemaCheckCache {
  const key = newSchemaKey();
  let verdicts: string[] = [];
  return {
    passed: (texts) => {
      const known = new Set(verdicts);
      const found = texts.flatMap((t, i) => known.has(schemaDigest(t, key)) ? [i] : []);
      return Promise.resolve(new Set(found));
    },
    remember: (texts) => {
      verdicts = mergeVerdicts(verdicts, texts.map((t) => schemaDigest(t, key)), limit);
      return Promise.resolve();
    },
  };
}
