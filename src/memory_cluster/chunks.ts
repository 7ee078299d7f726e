/**
 * The layout of memory in the cluster: immutable, numbered chunk ConfigMaps of occurrence lines
 * and one head ConfigMap naming the highest chunk number. Pure: names, labels, encoding.
 */
import { Buffer } from "node:buffer";
import { gunzipSync, gzipSync } from "node:zlib";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import type { Occurrence } from "../occurrences/mod.ts";

/**
 * The namespace memory lives in when none is given.
 *
 * @example
 * ```ts
 * import { DEFAULT_MEMORY_NAMESPACE } from "./chunks.ts";
 * import { equal } from "node:assert/strict";
 * equal(DEFAULT_MEMORY_NAMESPACE, "nopea-system");
 * ```
 */
export const DEFAULT_MEMORY_NAMESPACE = "nopea-system";
/** Label every memory object carries (value `chunk` or `head`). */
export const MEMORY_LABEL = "nopea.dev/memory";
/** The key of a chunk's occurrence lines (gzipped, in `binaryData`). */
export const CHUNK_DATA_KEY = "occurrences.ndjson.gz";
/** Lines packed at once before the packed size is checked (a few MiB of JSON). */
const UNPACKED_LINES = 2000;
/**
 * Bytes of packed (gzipped, base64) occurrence lines one chunk holds at most (the object limit
 * is 1 MiB).
 *
 * @example
 * ```ts
 * import { CHUNK_MAX_BYTES } from "./chunks.ts";
 * import { ok } from "node:assert/strict";
 * ok(CHUNK_MAX_BYTES < 1024 * 1024);
 * ```
 */
export const CHUNK_MAX_BYTES = 900 * 1024;
/** Name of the head ConfigMap. */
export const HEAD_NAME = "nopea-memory-head";

const CHUNK_PREFIX = "nopea-memory-";
const SEQ_DIGITS = 10;

/** The name of chunk `seq`: `nopea-memory-0000000042` (names sort as numbers). */
export function chunkName(seq: number): string {
  return CHUNK_PREFIX + String(seq).padStart(SEQ_DIGITS, "0");
}

/** The number of a chunk's name, or `undefined` when the name is not a chunk's. */
export function chunkSeq(name: string): number | undefined {
  const digits = name.startsWith(CHUNK_PREFIX) ? name.slice(CHUNK_PREFIX.length) : "";
  return /^\d{10}$/.test(digits) ? Number(digits) : undefined;
}

/** The key of a ConfigMap called `name` in `namespace`. */
export function configMapKey(namespace: string, name: string): ResourceKey {
  return { apiVersion: "v1", kind: "ConfigMap", namespace, name };
}

/** The chunk ConfigMap `seq` holding `packed` (from {@linkcode packChunks}): `count` occurrences. */
export function chunkObject(
  namespace: string,
  seq: number,
  packed: PackedChunk,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: chunkName(seq),
      namespace,
      labels: { "app.kubernetes.io/managed-by": "nopea", [MEMORY_LABEL]: "chunk" },
      annotations: { "nopea.dev/occurrences": String(packed.count) },
    },
    binaryData: { [CHUNK_DATA_KEY]: packed.data },
  };
}

/** Occurrence lines packed for one chunk: gzip, then base64. */
export interface PackedChunk {
  /** The base64 text of the gzipped lines. */
  data: string;
  /** How many lines (occurrences) it holds. */
  count: number;
}

function pack(lines: readonly string[]): PackedChunk {
  const data = Buffer.from(gzipSync(lines.join("\n") + "\n")).toString("base64");
  return { data, count: lines.length };
}

/** Packs lines into as few chunks as fit {@linkcode CHUNK_MAX_BYTES} each, in order. */
export function packChunks(lines: readonly string[]): PackedChunk[] {
  const packed: PackedChunk[] = [];
  const fit = (group: readonly string[]) => {
    const chunk = pack(group);
    if (chunk.data.length <= CHUNK_MAX_BYTES || group.length === 1) return packed.push(chunk);
    const half = Math.ceil(group.length / 2);
    fit(group.slice(0, half));
    fit(group.slice(half));
  };
  for (let i = 0; i < lines.length; i += UNPACKED_LINES) fit(lines.slice(i, i + UNPACKED_LINES));
  return packed;
}

/** The occurrences a chunk ConfigMap holds; lines that are not occurrences are skipped. */
export function chunkOccurrences(chunk: KubeObject): Occurrence[] {
  const binary = chunk["binaryData"] as Record<string, unknown> | undefined;
  const data = binary?.[CHUNK_DATA_KEY];
  if (typeof data !== "string") return [];
  let text: string;
  try {
    text = gunzipSync(Buffer.from(data, "base64")).toString("utf8");
  } catch {
    return []; // Not written by Nopea: it is not memory.
  }
  const out: Occurrence[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const value = JSON.parse(line) as Occurrence;
      if (typeof value?.id === "string") out.push(value);
    } catch {
      // A line that is not JSON cannot have been written by Nopea: it is not memory.
    }
  }
  return out;
}
