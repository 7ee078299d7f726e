// YAML stream reading on top of the `yaml` package: values, lines and syntax errors per document.
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type ScalarTag,
} from "yaml";

/** A 1-based line and column. */
interface LinePos {
  line: number;
  col: number;
}

/** A path into a document: map keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

/** Returns the 1-based line of the deepest existing node along `path`. */
export type LineOf = (path: FieldPath) => number | undefined;

/** One document of a YAML stream, before any Kubernetes checks. */
export interface YamlDocument {
  /** 1-based position in the stream; empty documents are counted but not returned. */
  index: number;
  value: unknown;
  line: number;
  lineOf: LineOf;
  syntaxError?: { message: string; line: number; column: number };
  warnings: readonly string[];
}

/**
 * YAML 1.1 octal (`0644`), as Kubernetes' YAML decoder reads `defaultMode: 0644`. The YAML 1.2
 * core schema would read it as decimal 644, which the API server then rejects.
 */
const legacyOctal: ScalarTag = {
  identify: (value) => typeof value === "number" && Number.isInteger(value) && value >= 0,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "OCT",
  test: /^0[0-7]+$/,
  resolve: (text) => parseInt(text, 8),
};

/** Drops the position suffix and code frame the `yaml` package adds to its messages. */
function shortMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, "");
}

function lineFinder(root: unknown, counter: LineCounter): LineOf {
  return (path) => {
    let node = root;
    let offset = (root as Node | null)?.range?.[0];
    for (const segment of path) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) =>
          isPair(p) && isScalar(p.key) && p.key.value === segment
        );
        if (pair === undefined) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        next = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        next = node.items[segment];
        if (next === undefined) break;
        offset = (next as Node).range?.[0] ?? offset;
      } else break;
      node = next;
    }
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
}

function failed(
  index: number,
  warnings: readonly string[],
  at: LinePos,
  message: string,
): YamlDocument {
  return {
    index,
    value: undefined,
    line: at.line,
    lineOf: () => at.line,
    syntaxError: { message, line: at.line, column: at.col },
    warnings,
  };
}

/** Splits a multi-document YAML (or JSON) text into documents; empty ones are skipped. */
export function readYamlStream(text: string): YamlDocument[] {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: counter,
    merge: true,
    customTags: (tags) => [legacyOctal, ...tags],
  });
  const out: YamlDocument[] = [];
  docs.forEach((doc, i) => {
    const start = counter.linePos(doc.contents?.range[0] ?? doc.range[0]);
    const warnings = doc.warnings.map((w) => shortMessage(w.message));
    const [error] = doc.errors;
    if (error !== undefined) {
      const at = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
      out.push(failed(i + 1, warnings, at, shortMessage(error.message)));
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      out.push(failed(i + 1, warnings, start, e instanceof Error ? e.message : String(e)));
      return;
    }
    if (value === null || value === undefined) return;
    const lineOf = lineFinder(doc.contents, counter);
    out.push({ index: i + 1, value, line: start.line, lineOf, warnings });
  });
  return out;
}
