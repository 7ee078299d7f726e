/**
 * Field paths encoded as strings (FieldsV1 segments `f:`, `k:`, `v:` joined by NUL, so sets of
 * paths are plain `Set<string>`s), their kube rendering and structured-merge-diff's order.
 */
import type { JsonObject } from "../types.ts";
import { KEY_DEFAULTS } from "./_schema.ts";

/** Separator between the segments of an encoded path. */
export const SEP = "\u0000";

/** The encoded path of `segment` below `prefix` (`""` is the root). */
export function childPath(prefix: string, segment: string): string {
  return prefix === "" ? segment : prefix + SEP + segment;
}

/** Whether `path` lies strictly below `prefix`. */
export function isBelow(path: string, prefix: string): boolean {
  return path.length > prefix.length && path.startsWith(prefix) && path[prefix.length] === SEP;
}

/**
 * The `k:{...}` segment of a list-map item: its key fields sorted by name, with typed JSON
 * values; `undefined` when the item carries none of the key fields.
 */
export function keySegment(item: JsonObject, sortedKeys: readonly string[]): string | undefined {
  let body = "";
  let present = false;
  for (const key of sortedKeys) {
    let value = item[key];
    if (value === undefined || value === null) value = KEY_DEFAULTS[key];
    else present = true;
    if (value === undefined) continue;
    body += `${body === "" ? "" : ","}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return present ? `k:{${body}}` : undefined;
}

/** The `v:<json>` segment of a set item. */
export function valueSegment(value: unknown): string {
  return `v:${JSON.stringify(value)}`;
}

function renderValue(value: unknown): string {
  return typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value) ?? "null";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function renderSegment(segment: string): string {
  const body = segment.slice(2);
  switch (segment.slice(0, 2)) {
    case "f:":
      return `.${body}`;
    case "k:": {
      const key = parseJson(body);
      if (typeof key !== "object" || key === null) return `[${body}]`;
      const parts = Object.entries(key).map(([k, v]) => `${k}=${renderValue(v)}`);
      return `[${parts.join(",")}]`;
    }
    case "v:":
      return `[=${renderValue(parseJson(body))}]`;
    case "i:":
      return `[${body}]`;
    default:
      return segment;
  }
}

/**
 * Renders an encoded path as kube does in conflicts:
 * `.spec.template.spec.containers[name="app"].image`, `.spec.ports[port=80,protocol="TCP"]`.
 */
export function renderPath(path: string): string {
  let out = "";
  for (const segment of path.split(SEP)) out += renderSegment(segment);
  return out;
}

/** Kind order of segments: `f:` 0, `k:` 1, `v:` 2, `i:` 3, anything else 4. */
function rank(segment: string): number {
  if (segment.charCodeAt(1) !== 58) return 4;
  switch (segment.charCodeAt(0)) {
    case 102:
      return 0;
    case 107:
      return 1;
    case 118:
      return 2;
    case 105:
      return 3;
    default:
      return 4;
  }
}

/** Orders two segments: fields, then keyed items, then values, then indices; then by text. */
export function compareSegments(a: string, b: string): number {
  const ra = rank(a);
  const byKind = ra - rank(b);
  if (byKind !== 0) return byKind;
  if (ra === 3) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSplit(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length) return i === b.length ? 0 : -1;
  if (i === b.length) return 1;
  const aMember = a.length === i + 1, bMember = b.length === i + 1;
  if (aMember !== bMember) return aMember ? -1 : 1;
  return compareSegments(a[i] ?? "", b[i] ?? "");
}

/**
 * Sorts encoded paths in the order structured-merge-diff iterates a set: at each level the
 * members first, then the children, each by segment order.
 */
export function sortPaths(paths: Iterable<string>): string[] {
  const split = [...paths].map((path) => ({ path, segments: path.split(SEP) }));
  split.sort((a, b) => compareSplit(a.segments, b.segments));
  return split.map((s) => s.path);
}
