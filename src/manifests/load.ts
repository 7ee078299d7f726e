/** loadManifestSources: parse and validate several texts at once, reporting every error together. */
import { type ManifestError, throwManifestErrors } from "./manifest_error.ts";
import { type ManifestWarning, type ParsedDocument, parseSource } from "./parse.ts";
import { checkDocuments, type LoadedManifests, type ValidateOptions } from "./validate.ts";

/** One text to load and the name its errors show. */
export interface ManifestSource {
  /** The file path as the user gave it, or `<stdin>`. */
  readonly name: string;
  /** The YAML or JSON content. */
  readonly text: string;
}

/**
 * Parses and validates several sources as one manifest set: duplicates are found across files,
 * and syntax errors of one file are reported together with the invalid documents of another.
 * Nothing is returned unless every document is valid.
 *
 * @param sources The texts, in load order.
 * @param options The explicit namespace, if any.
 * @returns The objects in source order with their locations, and warnings.
 * @throws {ManifestError} `MANIFEST_PARSE` or `MANIFEST_INVALID`; a `ManifestErrors` aggregate
 * when there are several.
 *
 * @example The same ConfigMap in two files is a duplicate
 * ```ts
 * import { loadManifestSources } from "@nopea/nopea";
 * import { throws } from "node:assert/strict";
 * const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\n";
 * throws(
 *   () => loadManifestSources([{ name: "a.yaml", text }, { name: "b.yaml", text }]),
 *   (e: Error) => e.message.includes('already defined in "a.yaml" document 1'),
 * );
 * ```
 */
export function loadManifestSources(
  sources: readonly ManifestSource[],
  options: ValidateOptions = {},
): LoadedManifests {
  const documents: ParsedDocument[] = [];
  const warnings: ManifestWarning[] = [];
  const errors: ManifestError[] = [];
  for (const source of sources) {
    const parsed = parseSource(source.text, source.name);
    documents.push(...parsed.documents);
    warnings.push(...parsed.warnings);
    errors.push(...parsed.errors);
  }
  const checked = checkDocuments(documents, options);
  errors.push(...checked.errors);
  const rank = new Map(sources.map((source, i) => [source.name, i]));
  errors.sort((a, b) =>
    (rank.get(a.file) ?? 0) - (rank.get(b.file) ?? 0) || a.documentIndex - b.documentIndex
  );
  throwManifestErrors(errors);
  return { objects: checked.objects, warnings: [...warnings, ...checked.warnings] };
}
