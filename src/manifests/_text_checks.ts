// Checks on the raw text, before the YAML parser sees it: size per document, control characters
// and lone surrogates, each at a document, line and column.
import { formatBytes, overLimit } from "./limits.ts";

/** A fault found in the raw text of a source. */
export interface TextFault {
  readonly documentIndex: number;
  readonly line: number;
  readonly column?: number;
  readonly problem: string;
  readonly hint: string;
}

/** One document's span in the text, numbered like the YAML parser numbers them (from 1). */
interface Span {
  readonly index: number;
  readonly start: number;
  end: number;
}

const MARKER = /^(---|\.\.\.)(?:[ \t\r\n]|$)/;
/** Characters outside YAML's printable set: C0 and C1 controls, DEL, lone surrogates. */
const CONTROL =
  // deno-lint-ignore no-control-regex -- finding control characters is the point
  /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** The characters CONTROL finds other than surrogates, plus U+0085: one test, no lookarounds. */
// deno-lint-ignore no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]/;
const NAMES: Readonly<Record<number, string>> = {
  0: "NUL",
  7: "BEL",
  8: "BS",
  0x1b: "ESC",
  0x7f: "DEL",
};
/** The most control characters reported per source; one is enough to refuse it. */
const SHOWN = 3;

/** Splits `text` into documents at `---` and `...` lines, without parsing it. */
export function documentSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = false;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline + 1;
    const marker = MARKER.exec(text.slice(start, Math.min(end, start + 4)))?.[1];
    const blank = /^[ \t\r\n]*(#|$)/.test(text.slice(start, Math.min(end, start + 200)));
    if (marker === "---" || (!open && !blank && text[start] !== "%")) {
      const previous = spans[spans.length - 1];
      if (previous !== undefined) previous.end = start;
      spans.push({ index: spans.length + 1, start, end: text.length });
      open = true;
    } else if (marker === "...") open = false;
    start = end;
  }
  return spans;
}

/** The 1-based line and column of `offset`. */
export function linePos(text: string, offset: number): { line: number; column: number } {
  let line = 1, lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The index of the document that holds `offset`. */
export function documentAt(spans: readonly Span[], offset: number): number {
  return spans.findLast((span) => span.start <= offset)?.index ?? 1;
}

/** Documents larger than `limit` bytes; they are refused without being parsed. */
export function oversizeDocuments(text: string, limit: number): TextFault[] {
  if (text.length <= limit / 3) return [];
  return documentSpans(text).flatMap((span) => {
    const bytes = new TextEncoder().encode(text.slice(span.start, span.end)).length;
    if (bytes <= limit) return [];
    return [{
      documentIndex: span.index,
      line: linePos(text, span.start).line +
        (/^---[ \t]*\r?\n/.test(text.slice(span.start, span.start + 8)) ? 1 : 0),
      problem: `the document is ${overLimit(bytes, limit)}`,
      hint: `The API server refuses requests over ${formatBytes(limit)}; an object that large ` +
        "cannot be stored. Split it, or move large data out of the manifest",
    }];
  });
}

function describeChar(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, "0");
  return NAMES[code] === undefined ? `U+${hex}` : `U+${hex} (${NAMES[code]})`;
}

/** Raw control characters and lone surrogates, which YAML forbids and kubectl refuses. */
export function controlCharacters(text: string, json: boolean): TextFault[] {
  // Most texts hold none: a scan without lookarounds and the native surrogate check say so fast.
  if (!ANY_CONTROL.test(text) && text.isWellFormed()) return [];
  const faults: TextFault[] = [];
  let spans: Span[] | undefined;
  for (const match of text.matchAll(CONTROL)) {
    const code = match[0].charCodeAt(0);
    if (json && code >= 0x7f && code <= 0x9f) continue;
    spans ??= documentSpans(text);
    const { line, column } = linePos(text, match.index);
    faults.push({
      documentIndex: documentAt(spans, match.index),
      line,
      column,
      problem: `the text contains the raw control character ${describeChar(match[0])}`,
      hint: "Remove it; a value that needs it must be written as an escape in a double-quoted " +
        'string ("\\0", "\\t", "\\u0007") or base64-encoded in binaryData',
    });
    if (faults.length >= SHOWN) break;
  }
  return faults;
}
