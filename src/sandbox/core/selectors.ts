/** Label and field selectors of list and watch, parsed and matched as kube-apiserver does. */
import { StatusError } from "../types.ts";
import { getPath, isObject } from "./_json.ts";
import { LabelParser, tokenize } from "./_selector_lexer.ts";

export type { LabelRequirement } from "./_selector_lexer.ts";
import type { LabelRequirement } from "./_selector_lexer.ts";

/** One requirement of a field selector. */
export interface FieldRequirement {
  /** Dotted field path, e.g. `metadata.name`. */
  field: string;
  /** Equality or inequality. */
  op: "=" | "!=";
  /** The value compared with. */
  value: string;
}

/**
 * Parses a label selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h`; also `==`, `>`, `<`).
 *
 * @throws {StatusError} 400 BadRequest when the selector does not parse
 * @example
 * ```ts
 * import { matchesLabels, parseLabelSelector } from "./selectors.ts";
 * import { equal } from "node:assert/strict";
 * const selector = parseLabelSelector("app=web,tier in (front,back),!canary");
 * equal(matchesLabels(selector, { app: "web", tier: "front" }), true);
 * equal(matchesLabels(selector, { app: "web", tier: "front", canary: "1" }), false);
 * ```
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return new LabelParser(tokenize(selector)).parse();
}

/**
 * True when the labels satisfy every requirement.
 *
 * @example
 * ```ts
 * import { matchesLabels, parseLabelSelector } from "./selectors.ts";
 * import { equal } from "node:assert/strict";
 * equal(matchesLabels(parseLabelSelector("tier notin (db)"), { tier: "web" }), true);
 * ```
 */
export function matchesLabels(
  selector: readonly LabelRequirement[],
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const r of selector) {
    const has = Object.hasOwn(labels, r.key);
    const v = labels[r.key];
    const ok = r.op === "="
      ? has && v === r.values[0]
      : r.op === "!="
      ? !has || v !== r.values[0]
      : r.op === "in"
      ? has && r.values.includes(v ?? "")
      : r.op === "notin"
      ? !has || !r.values.includes(v ?? "")
      : r.op === "exists"
      ? has
      : r.op === "!"
      ? !has
      : has && /^-?\d+$/.test(v ?? "") &&
        (r.op === "gt" ? Number(v) > Number(r.values[0]) : Number(v) < Number(r.values[0]));
    if (!ok) return false;
  }
  return true;
}

function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? "";
    if (c === "\\" && i + 1 < s.length) cur += c + s[++i];
    else if (c === sep) parts.push(cur), cur = "";
    else cur += c;
  }
  parts.push(cur);
  return parts;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, "$1");
}

/**
 * Parses a field selector (`metadata.name=api,metadata.namespace!=kube-system`, `==` too;
 * `\,` `\=` `\\` escape).
 *
 * @throws {StatusError} 400 BadRequest when a term has no operator
 * @example
 * ```ts
 * import { matchesFields, parseFieldSelector } from "./selectors.ts";
 * import { equal } from "node:assert/strict";
 * const selector = parseFieldSelector("metadata.name=api");
 * equal(matchesFields(selector, { metadata: { name: "api" } }), true);
 * ```
 */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const term of splitUnescaped(selector, ",")) {
    if (term.trim() === "") continue;
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/s.exec(term);
    if (!m) {
      throw new StatusError(
        400,
        "BadRequest",
        `invalid selector: '${selector}'; can't understand '${term}'`,
      );
    }
    out.push({
      field: (m[1] ?? "").trim(),
      op: m[2] === "!=" ? "!=" : "=",
      value: unescape(m[3] ?? ""),
    });
  }
  return out;
}

/**
 * True when the object's fields satisfy every requirement (absent fields read as `""`).
 *
 * @example
 * ```ts
 * import { matchesFields, parseFieldSelector } from "./selectors.ts";
 * import { equal } from "node:assert/strict";
 * equal(matchesFields(parseFieldSelector("status.phase!=Running"), { status: { phase: "Pending" } }), true);
 * ```
 */
export function matchesFields(selector: readonly FieldRequirement[], obj: unknown): boolean {
  for (const r of selector) {
    const raw = getPath(obj, r.field.split("."));
    const value = raw === undefined || raw === null ? "" : String(raw);
    if ((value === r.value) !== (r.op === "=")) return false;
  }
  return true;
}

/**
 * Renders a `metav1.LabelSelector` (matchLabels + matchExpressions) as a selector string,
 * requirements sorted by key, as the Scale subresource reports it.
 *
 * @example
 * ```ts
 * import { labelSelectorString } from "./selectors.ts";
 * import { equal } from "node:assert/strict";
 * equal(labelSelectorString({ matchLabels: { app: "web" } }), "app=web");
 * ```
 */
export function labelSelectorString(selector: unknown): string {
  if (!isObject(selector)) return "";
  const parts: [string, string][] = [];
  const labels = selector["matchLabels"];
  if (isObject(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      parts.push([k, `${k}=${v}`]);
    }
  }
  const exprs = selector["matchExpressions"];
  for (const e of Array.isArray(exprs) ? exprs.filter(isObject) : []) {
    const key = String(e["key"] ?? "");
    const values = Array.isArray(e["values"]) ? [...e["values"]].map(String).sort().join(",") : "";
    const op = e["operator"];
    const text = op === "In"
      ? `${key} in (${values})`
      : op === "NotIn"
      ? `${key} notin (${values})`
      : op === "DoesNotExist"
      ? `!${key}`
      : key;
    parts.push([key, text]);
  }
  return parts.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, t]) => t).join(",");
}
