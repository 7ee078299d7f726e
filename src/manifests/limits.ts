/** MANIFEST_LIMITS: the sizes and depths Nopea refuses before (or instead of) parsing a manifest. */

const MIB = 1024 * 1024;

/**
 * The limits the manifest loader enforces, each with the Kubernetes number it follows.
 *
 * - `fileBytes` (8 MiB): one file or standard input, checked before it is read in full. No
 *   single request to the API server can exceed 3 MiB, so a larger file is almost always a
 *   mistake (a log, a binary, a generated dump); split real bundles into several files.
 * - `documentBytes` (3 MiB): one YAML/JSON document, checked before it is parsed: the API
 *   server's request body limit (`--max-request-bytes` of kube-apiserver, 3 MiB).
 * - `objectBytes` (1.5 MiB): one object as JSON, checked after parsing: etcd's default request
 *   limit (`--max-request-bytes` of etcd, 1572864 bytes), the largest object a cluster stores.
 * - `dataBytes` (1 MiB): the data of one ConfigMap or Secret, keys and values together: the API
 *   server's own validation ("must have at most 1048576 bytes").
 * - `depth` (256): nesting of lists and maps in one document; real manifests (CRD schemas
 *   included) stay far below, and deeper input only exhausts the parser's stack.
 *
 * @example
 * ```ts
 * import { MANIFEST_LIMITS } from "./limits.ts";
 * import { equal } from "node:assert/strict";
 * equal(MANIFEST_LIMITS.dataBytes, 1048576);
 * ```
 */
export const MANIFEST_LIMITS: {
  readonly fileBytes: number;
  readonly documentBytes: number;
  readonly objectBytes: number;
  readonly dataBytes: number;
  readonly depth: number;
} = Object.freeze({
  fileBytes: 8 * MIB,
  documentBytes: 3 * MIB,
  objectBytes: 1.5 * MIB,
  dataBytes: MIB,
  depth: 256,
});

/** `8 MiB`, `1.5 MiB`, `512 KiB`, `12 bytes`: a size as messages show it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Math.round((bytes / MIB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** `9 MiB, over the limit of 8 MiB`; exact byte counts when both would read the same. */
export function overLimit(bytes: number, limit: number): string {
  const [size, max] = [formatBytes(bytes), formatBytes(limit)];
  return size === max
    ? `${bytes} bytes, over the limit of ${limit} bytes (${max})`
    : `${size}, over the limit of ${max}`;
}
