/** parseManifests: YAML/JSON text into located documents, with `kind: List` expanded. */
import { assertTextSize, jsonFaults, sourceFaults } from "./_source_checks.ts";
import type { FieldPath, LineOf } from "./_yaml.ts";
import { readYamlStream } from "./_yaml_stream.ts";
import { isPlainObject } from "./kube_object.ts";
import {
  describeLocation,
  ManifestError,
  type ManifestLocation,
  throwManifestErrors,
} from "./manifest_error.ts";

/** One object-to-be out of a manifest source, not yet validated. */
export interface ParsedDocument {
  /** The document (or `List` item) as JSON; validation decides whether it is an object. */
  readonly value: unknown;
  /** Where the document (or List item) starts. */
  readonly location: ManifestLocation;
  /** The 1-based line of a field (or of its nearest existing parent); absent for in-memory input. */
  readonly lineOf?: (path: readonly (string | number)[]) => number | undefined;
}

/** Something worth telling the user that does not stop a deploy. */
export interface ManifestWarning {
  /** Self-contained text, location included. */
  readonly message: string;
  /** Where the warning applies. */
  readonly location: ManifestLocation;
}

/** What parsing one source produced; errors are collected, not thrown. */
export interface ParseOutcome {
  readonly documents: ParsedDocument[];
  readonly errors: ManifestError[];
  readonly warnings: ManifestWarning[];
}

/**
 * The items of `kind: List` and `*List` documents that carry an `items` array (a `kind: List`
 * without items is empty), or `undefined` for any other document.
 */
function listItems(value: unknown): unknown[] | undefined {
  if (!isPlainObject(value) || typeof value["kind"] !== "string") return undefined;
  const { kind, items } = value;
  if (!kind.endsWith("List")) return undefined;
  if (Array.isArray(items)) return items;
  return kind === "List" && (items === undefined || items === null) ? [] : undefined;
}

function expand(value: unknown, location: ManifestLocation, lineOf?: LineOf): ParsedDocument[] {
  const items = listItems(value);
  if (items === undefined) {
    return [lineOf === undefined ? { value, location } : { value, location, lineOf }];
  }
  return items.map((item, i) => {
    const base = { source: location.source, documentIndex: location.documentIndex, item: i };
    if (lineOf === undefined) return { value: item, location: base };
    const line = lineOf(["items", i]);
    return {
      value: item,
      location: line === undefined ? base : { ...base, line },
      lineOf: (path: FieldPath) => lineOf(["items", i, ...path]),
    };
  });
}

/**
 * Parses a source, collecting syntax errors of every document instead of throwing; a source over
 * the file size limit throws at once, and one with faults in its raw text is not parsed.
 */
export function parseSource(text: string, source: string): ParseOutcome {
  assertTextSize(source, text);
  const outcome: ParseOutcome = { documents: [], errors: sourceFaults(text, source), warnings: [] };
  if (outcome.errors.length > 0) return outcome;
  for (const doc of readYamlStream(text)) {
    const location: ManifestLocation = { source, documentIndex: doc.index, line: doc.line };
    for (const warning of doc.warnings) {
      outcome.warnings.push({
        message: `Manifest ${describeLocation(location)}: ${warning}`,
        location,
      });
    }
    if (doc.syntaxError !== undefined) {
      outcome.errors.push(
        new ManifestError("MANIFEST_PARSE", {
          location,
          column: doc.syntaxError.column,
          problem: doc.syntaxError.problem,
          hint: doc.syntaxError.hint,
        }),
      );
      continue;
    }
    outcome.documents.push(...expand(doc.value, location, doc.lineOf));
  }
  const json = outcome.errors.length === 0 ? jsonFaults(text, source) : [];
  return json.length === 0 ? outcome : { documents: [], errors: json, warnings: outcome.warnings };
}

/**
 * Parses multi-document YAML or JSON text into documents that remember their source, document
 * index (from 1) and line. Empty and comment-only documents are skipped; `kind: List` and `*List`
 * documents are expanded into their items. Values are not validated here: see
 * {@linkcode validateManifests}.
 *
 * @param text The YAML or JSON text.
 * @param source The file name shown in errors.
 * @returns One entry per object (or non-object value) found.
 * @throws {ManifestError} `MANIFEST_PARSE` naming the line and column of a syntax error, or a
 * `ManifestErrors` aggregate when several documents are broken.
 *
 * @example Two documents, one of them a List
 * ```ts
 * import { parseManifests } from "./parse.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const text = "kind: ConfigMap\n---\nkind: List\nitems:\n  - kind: Secret\n";
 * const docs = parseManifests(text, "app.yaml");
 * equal(docs.length, 2);
 * deepEqual(docs[1]?.location, { source: "app.yaml", documentIndex: 2, item: 0, line: 5 });
 * ```
 */
export function parseManifests(text: string, source: string): ParsedDocument[] {
  const outcome = parseSource(text, source);
  throwManifestErrors(outcome.errors);
  return outcome.documents;
}

/**
 * Wraps objects that arrived as JSON values (MCP, HTTP, library callers) as documents; each
 * array element is one document (`documentIndex` from 1) and Lists are expanded.
 *
 * @example
 * ```ts
 * import { documentsFromValues } from "./parse.ts";
 * import { equal } from "node:assert/strict";
 * const docs = documentsFromValues([{ kind: "ConfigMap" }], "manifests");
 * equal(docs[0]?.location.documentIndex, 1);
 * ```
 */
export function documentsFromValues(values: readonly unknown[], source: string): ParsedDocument[] {
  return values.flatMap((value, i) => expand(value, { source, documentIndex: i + 1 }));
}
