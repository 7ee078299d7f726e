// Checks of a whole source before it is parsed: its size, oversize documents, control characters
// and, for a text kubectl would read as JSON, strict JSON syntax.
import { NopeaError } from "../shared/mod.ts";
import { jsonFault, looksLikeJson } from "./_json_strict.ts";
import { controlCharacters, linePos, oversizeDocuments, type TextFault } from "./_text_checks.ts";
import { formatBytes, MANIFEST_LIMITS, overLimit } from "./limits.ts";
import { ManifestError } from "./manifest_error.ts";

const JSON_HINT = "The text starts with '{', so it is read as JSON (as kubectl does): remove " +
  "trailing commas and comments, use double quotes and finite numbers, or write it as YAML";

/**
 * Throws `MANIFEST_INVALID` when a source of `bytes` bytes is over
 * {@linkcode MANIFEST_LIMITS}.fileBytes; `exact` is false when reading stopped at the limit.
 */
export function assertSourceSize(source: string, bytes: number, exact: boolean): void {
  const limit = MANIFEST_LIMITS.fileBytes;
  if (bytes <= limit) return;
  const size = exact
    ? `is ${overLimit(bytes, limit)}`
    : `is over the limit of ${formatBytes(limit)}`;
  const message = `Cannot load manifests: "${source}" ${size} for one manifest file`;
  throw new NopeaError("MANIFEST_INVALID", message, {
    hint: `No request to the API server may exceed 3 MiB, so Nopea refuses manifest files over ${
      formatBytes(limit)
    } before parsing them: split the file, or move large data out of the manifests`,
    details: { file: source, ...(exact ? { bytes } : {}), limit },
  });
}

/** {@linkcode assertSourceSize} for a text, measured in UTF-8 bytes. */
export function assertTextSize(source: string, text: string): void {
  const limit = MANIFEST_LIMITS.fileBytes;
  const bytes = text.length * 3 > limit ? new TextEncoder().encode(text).length : text.length;
  assertSourceSize(source, bytes, true);
}

/** A fault in the raw text as a located `MANIFEST_PARSE` error. */
export function textError(source: string, fault: TextFault): ManifestError {
  return new ManifestError("MANIFEST_PARSE", {
    location: { source, documentIndex: fault.documentIndex, line: fault.line },
    ...(fault.column === undefined ? {} : { column: fault.column }),
    problem: fault.problem,
    hint: fault.hint,
  });
}

/** Faults that make a source unreadable as a whole; when there are any, it is not parsed. */
export function sourceFaults(text: string, source: string): ManifestError[] {
  return [
    ...oversizeDocuments(text, MANIFEST_LIMITS.documentBytes),
    ...controlCharacters(text, looksLikeJson(text)),
  ].map((fault) => textError(source, fault));
}

/**
 * For a text kubectl reads as JSON (it starts with `{`), what strict JSON refuses and YAML would
 * accept: trailing commas, comments, single quotes, NaN. Run it on texts that parsed as YAML.
 */
export function jsonFaults(text: string, source: string): ManifestError[] {
  if (!looksLikeJson(text)) return [];
  const fault = jsonFault(text, MANIFEST_LIMITS.depth);
  if (fault === undefined) return [];
  const problem = `JSON syntax error: ${fault.message}`;
  const at = { documentIndex: 1, ...linePos(text, fault.offset), problem, hint: JSON_HINT };
  return [textError(source, at)];
}
