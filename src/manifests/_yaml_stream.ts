// Reading a YAML stream: the fast path for plain YAML, else the `yaml` package (the reference).
import type { FieldPath, YamlDocument } from "./_yaml.ts";
import { type FastDocument, readPlainYaml } from "./_yaml_fast.ts";
import { readWithReference } from "./yaml_reader.ts";

/** Line numbers of offsets in `text` (1-based), from one scan of its newlines. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/**
 * Plain YAML read by the fast path; the line of a field (needed only for a message) comes from
 * the reference reader, run once for the whole text the first time one is asked for.
 */
function fastStream(text: string, docs: readonly FastDocument[]): YamlDocument[] {
  let reference: YamlDocument[] | undefined;
  const lineAt = lineCounter(text);
  return docs.map(({ index, value, offset, itemOffsets }) => ({
    index,
    value,
    line: lineAt(offset),
    lineOf: (path: FieldPath) => {
      const item = path.length === 2 && path[0] === "items" ? itemOffsets[path[1] as number] : -1;
      if (item !== undefined && item >= 0) return lineAt(item);
      reference ??= readWithReference(text);
      return reference.find((d) => d.index === index)?.lineOf(path);
    },
    warnings: [],
  }));
}

/**
 * Splits a multi-document YAML (or JSON) text into documents; empty ones are skipped. Plain YAML
 * takes the fast path, whose values, numbering and lines are those of the reference reader; the
 * rest needs the reference reader loaded (`ReaderNeeded` otherwise, see `yaml_reader.ts`).
 */
export function readYamlStream(text: string): YamlDocument[] {
  const plain = readPlainYaml(text);
  return plain === undefined ? readWithReference(text) : fastStream(text, plain);
}
