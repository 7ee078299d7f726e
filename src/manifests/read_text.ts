/** readManifestText: manifest bytes from a stream, capped in size and strictly UTF-8. */
import { assertSourceSize, textError } from "./_source_checks.ts";
import { decodeUtf8 } from "./_utf8.ts";
import { MANIFEST_LIMITS } from "./limits.ts";
import type { ManifestSource } from "./load.ts";
import { ManifestError } from "./manifest_error.ts";

/** All bytes of `stream`, refusing more than the file size limit without reading further. */
export async function readCapped(
  stream: ReadableStream<Uint8Array>,
  name: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > MANIFEST_LIMITS.fileBytes) assertSourceSize(name, total, false);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** The source, or the error of a text that is not UTF-8. */
export function decoded(name: string, bytes: Uint8Array): ManifestSource | ManifestError {
  const result = decodeUtf8(bytes);
  return "text" in result ? { name, text: result.text } : textError(name, result.fault);
}

/**
 * Reads a stream of manifests (standard input) as text, the way files are read: at most
 * {@linkcode MANIFEST_LIMITS}.fileBytes, and only valid UTF-8 (`TextDecoder` and
 * `Response.text()` would replace invalid bytes silently).
 *
 * @param stream The bytes, e.g. `Deno.stdin.readable`.
 * @param name The name errors show.
 * @returns The decoded text, without a byte order mark.
 * @throws {NopeaError} `MANIFEST_INVALID` when the stream is larger than the limit; a
 * {@linkcode ManifestError} `MANIFEST_PARSE` naming the line and column of invalid UTF-8.
 *
 * @example
 * ```ts
 * import { readManifestText } from "./read_text.ts";
 * import { equal } from "node:assert/strict";
 * const stream = new Blob(["kind: ConfigMap\n"]).stream();
 * equal(await readManifestText(stream), "kind: ConfigMap\n");
 * ```
 */
export async function readManifestText(
  stream: ReadableStream<Uint8Array>,
  name = "<stdin>",
): Promise<string> {
  const source = decoded(name, await readCapped(stream, name));
  if (source instanceof ManifestError) throw source;
  return source.text;
}
