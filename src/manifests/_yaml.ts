// YAML stream reading on top of the `yaml` package: values, lines and syntax errors per document.
import {
  Composer,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  type ScalarTag,
} from "yaml";
import { type DirectiveFault, watchDirectives } from "./_yaml_directives.ts";
import { firstNodeFault } from "./_yaml_walk.ts";
import { MANIFEST_LIMITS } from "./limits.ts";

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
  syntaxError?: { problem: string; hint: string; line: number; column: number };
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

const SYNTAX_HINT = "Fix the YAML at the given line and column (indentation, quotes, brackets)";

/** Drops the position suffix and code frame the `yaml` package adds to its messages. */
function shortMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  if (first.includes("Maximum call stack size exceeded")) return "the document nests too deeply";
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
  problem: string,
  hint = SYNTAX_HINT,
): YamlDocument {
  return {
    index,
    value: undefined,
    line: at.line,
    lineOf: () => at.line,
    syntaxError: { problem, hint, line: at.line, column: at.col },
    warnings,
  };
}

function toValue(doc: Document.Parsed, index: number, counter: LineCounter): YamlDocument {
  const start = counter.linePos(doc.contents?.range[0] ?? doc.range[0]);
  const warnings = doc.warnings.map((w) => shortMessage(w.message));
  const [error] = doc.errors;
  if (error !== undefined) {
    const at = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
    return failed(index, warnings, at, `YAML syntax error: ${shortMessage(error.message)}`);
  }
  const fault = firstNodeFault(doc.contents, MANIFEST_LIMITS.depth);
  if (fault !== undefined) {
    return failed(index, warnings, counter.linePos(fault.offset), fault.problem, fault.hint);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = shortMessage(e instanceof Error ? e.message : String(e));
    return failed(index, warnings, start, `YAML syntax error: ${message}`);
  }
  return { index, value, line: start.line, lineOf: lineFinder(doc.contents, counter), warnings };
}

/** A YAML (or JSON) stream's non-empty documents, read by the `yaml` package: the reference. */
export function readReference(text: string): YamlDocument[] {
  const counter = new LineCounter();
  const composer = new Composer({ merge: true, customTags: (tags) => [legacyOctal, ...tags] });
  const directiveFaults = new Map<number, DirectiveFault>();
  const tokens = watchDirectives(new Parser(counter.addNewLine).parse(text), directiveFaults);
  const out: YamlDocument[] = [];
  let index = 0;
  for (const doc of composer.compose(tokens)) {
    index++;
    const directive = directiveFaults.get(index);
    if (directive !== undefined) {
      const hint = "Keep one %YAML directive (1.1 or 1.2) and one %TAG per handle per document";
      out.push(failed(index, [], counter.linePos(directive.offset), directive.problem, hint));
      continue;
    }
    const read = toValue(doc as Document.Parsed, index, counter);
    if (read.syntaxError !== undefined || (read.value !== null && read.value !== undefined)) {
      out.push(read);
    }
  }
  return out;
}
