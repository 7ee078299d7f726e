// Text scans of the fast YAML path: where a flow collection ends, whether a line holds `? `.

/** The end of a quoted scalar starting at `at` (the offset after its closing quote). */
function quotedEnd(text: string, at: number): number | undefined {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return undefined;
}

/**
 * The offset of the bracket that closes the flow collection (`[` or `{`) at `start`, or
 * `undefined` when the text ends first. In a flow collection plain scalars cannot hold
 * brackets, so counting them outside quoted scalars and comments finds the end.
 *
 * @example
 * ```ts
 * import { flowEnd } from "./_yaml_flow.ts";
 * import { equal } from "node:assert/strict";
 * equal(flowEnd("a: [b, '[', {c: d}]", 3), 18);
 * ```
 */
export function flowEnd(text: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      if (--depth === 0) return i;
    } else if (c === '"' || c === "'") {
      const end = quotedEnd(text, i);
      if (end === undefined) return undefined;
      i = end - 1;
    } else if (c === "#" && /\s/.test(text[i - 1] ?? "")) {
      const eol = text.indexOf("\n", i);
      if (eol === -1) return undefined;
      i = eol;
    }
  }
  return undefined;
}

/** Whether the flow collection at `start` spans lines and closes first on a line (or is unclosed). */
export function closesAtLineStart(text: string, start: number): boolean {
  const end = flowEnd(text, start);
  if (end === undefined) return true;
  const lineStart = text.lastIndexOf("\n", end) + 1;
  return lineStart > start && text.slice(lineStart, end).trim() === "";
}

const LINE_BREAKS = new Set(["\n", "\r", "\u2028", "\u2029"]);

/**
 * Whether a line starts with `?` (after spaces, tabs or `-`) followed by a blank or the line's
 * end: maybe an explicit key (`? a`). One `indexOf` scan instead of a multi-line regex.
 */
export function hasExplicitKey(text: string): boolean {
  for (let i = text.indexOf("?"); i !== -1; i = text.indexOf("?", i + 1)) {
    const next = text[i + 1];
    if (next !== undefined && next !== " " && next !== "\t" && !LINE_BREAKS.has(next)) continue;
    let j = i - 1;
    while (j >= 0 && (text[j] === " " || text[j] === "\t" || text[j] === "-")) j--;
    if (j < 0 || LINE_BREAKS.has(text[j]!)) return true;
  }
  return false;
}
