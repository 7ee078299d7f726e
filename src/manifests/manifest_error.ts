/** ManifestError and ManifestErrors: faults that name the file, document, line and field. */
import { type ErrorCode, NopeaError } from "../shared/mod.ts";

/** Where an object or a problem sits: source file, document and line. */
export interface ManifestLocation {
  /** The file path as given (`deploy/api.yaml`), `<stdin>`, or a label for in-memory input. */
  readonly source: string;
  /** Position of the YAML document in its source, counting from 1 (as shown in messages). */
  readonly documentIndex: number;
  /** 1-based line where the object (or the offending field) starts, when known. */
  readonly line?: number;
  /** Index of the object inside a `kind: List` / `*List` document's `items`, counting from 0. */
  readonly item?: number;
}

/** What {@linkcode ManifestError} needs besides the code. */
export interface ManifestErrorInit {
  /** Where the problem is. */
  readonly location: ManifestLocation;
  /** The problem, without the location prefix (`field "kind" is required`). */
  readonly problem: string;
  /** How to fix it. */
  readonly hint: string;
  /** 1-based column, for syntax errors. */
  readonly column?: number;
  /** Dotted field path inside the object (`metadata.name`). */
  readonly field?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** `"a.yaml" document 2, items[3] (line 14, column 2)`: the location as messages show it. */
export function describeLocation(location: ManifestLocation, column?: number): string {
  const item = location.item === undefined ? "" : `, items[${location.item}]`;
  const where = location.line === undefined
    ? ""
    : column === undefined
    ? ` (line ${location.line})`
    : ` (line ${location.line}, column ${column})`;
  return `"${location.source}" document ${location.documentIndex}${item}${where}`;
}

/**
 * One invalid document: `MANIFEST_PARSE` (YAML syntax) or `MANIFEST_INVALID` (structure).
 *
 * @example
 * ```ts
 * import { ManifestError } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const err = new ManifestError("MANIFEST_INVALID", {
 *   location: { source: "deploy/api.yaml", documentIndex: 2, line: 14 },
 *   problem: 'field "metadata.name" is required',
 *   field: "metadata.name",
 *   hint: "Give the object a fixed metadata.name",
 * });
 * equal(err.message, 'Invalid manifest "deploy/api.yaml" document 2 (line 14): field "metadata.name" is required');
 * ```
 */
export class ManifestError extends NopeaError {
  /** The source: file path as given, `<stdin>`, or the in-memory label. */
  readonly file: string;
  /** The document's position in its source, counting from 1. */
  readonly documentIndex: number;
  /** 1-based line of the offending field (or of the document), when known. */
  readonly line: number | undefined;
  /** 1-based column; set for YAML syntax errors. */
  readonly column: number | undefined;
  /** Field path inside the object (`metadata.name`); absent for whole-document problems. */
  readonly field: string | undefined;
  /** Index inside a List document's `items`, counting from 0. */
  readonly item: number | undefined;

  /** Builds the message `Invalid manifest "<file>" document <n> (line <l>): <problem>`. */
  constructor(code: "MANIFEST_PARSE" | "MANIFEST_INVALID", init: ManifestErrorInit) {
    const { location, column, field } = init;
    super(code, `Invalid manifest ${describeLocation(location, column)}: ${init.problem}`, {
      hint: init.hint,
      cause: init.cause,
      details: {
        file: location.source,
        documentIndex: location.documentIndex,
        ...(location.item === undefined ? {} : { item: location.item }),
        ...(location.line === undefined ? {} : { line: location.line }),
        ...(column === undefined ? {} : { column }),
        ...(field === undefined ? {} : { field }),
      },
    });
    this.file = location.source;
    this.documentIndex = location.documentIndex;
    this.line = location.line;
    this.column = column;
    this.field = field;
    this.item = location.item;
  }
}

/** Most errors shown in the aggregate message; all stay in `errors`. */
const SHOWN = 20;

/** Several invalid documents at once; `errors` holds each {@linkcode ManifestError}. */
export class ManifestErrors extends NopeaError {
  /** Every error, in source and document order. */
  readonly errors: readonly ManifestError[];

  /** Aggregates `errors`; the code is `MANIFEST_PARSE` when any of them is a syntax error. */
  constructor(errors: readonly ManifestError[]) {
    const code: ErrorCode = errors.some((e) => e.code === "MANIFEST_PARSE")
      ? "MANIFEST_PARSE"
      : "MANIFEST_INVALID";
    const lines = errors.slice(0, SHOWN).map((e) => `  ${e.message}`);
    if (errors.length > SHOWN) lines.push(`  and ${errors.length - SHOWN} more`);
    super(code, `Cannot load manifests: ${errors.length} errors\n${lines.join("\n")}`, {
      hint: "Fix every listed document; nothing is applied while any manifest is invalid",
      details: { errors: errors.map((e) => ({ code: e.code, message: e.message, ...e.details })) },
    });
    this.errors = errors;
  }
}

/**
 * Throws nothing for no errors, the error itself for one, and a {@linkcode ManifestErrors}
 * for several.
 */
export function throwManifestErrors(errors: readonly ManifestError[]): void {
  const [first] = errors;
  if (first === undefined) return;
  throw errors.length === 1 ? first : new ManifestErrors(errors);
}

/** A field path as messages show it: `metadata.labels["app.kubernetes.io/name"]`, `items[2]`. */
export function formatField(path: readonly (string | number)[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
