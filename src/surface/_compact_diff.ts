/**
 * Compact diffs for assistants and people: per object only the fields that would change (server
 * noise stripped by `normalize`), unchanged objects counted unless asked for, and a size budget
 * per answer with a cursor for the rest.
 */
import { z } from "zod";
import type { DiffEntry } from "../drift/mod.ts";
import { normalize, stableJson } from "../drift/mod.ts";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** One field that would change: its path, the live value (`from`) and the new one (`to`). */
export interface FieldChange {
  path: string;
  from?: unknown;
  to?: unknown;
}

/** A diff entry as answered: the field changes, or (asked for) the normalized objects. */
export interface CompactEntry {
  key: string;
  action: DiffEntry["action"];
  changes?: FieldChange[];
  live?: KubeObject;
  desired?: KubeObject;
}

/** How to shape the entries. */
export interface CompactOptions {
  /** List unchanged objects too. @default false */
  showUnchanged?: boolean | undefined;
  /** The normalized live and would-be objects instead of field changes. @default false */
  objects?: boolean | undefined;
  /** Largest JSON size of the listed entries, in bytes; 0 lists all. @default 16384 */
  maxBytes?: number | undefined;
  /** Where to continue: the `nextCursor` of the previous answer. */
  cursor?: string | undefined;
}

/** The entries of one answer, the count of unchanged objects, and where the next page starts. */
export interface CompactPage {
  entries: CompactEntry[];
  unchanged: number;
  nextCursor?: string;
}

/** The input fields that shape a diff answer (see {@linkcode CompactOptions}). */
export const compactInput = {
  showUnchanged: z.boolean().optional().describe(
    "List unchanged objects too (default: only counted in `unchanged`)",
  ),
  objects: z.boolean().optional().describe(
    "Return the live and would-be objects (server noise stripped) instead of the changed fields",
  ),
  maxBytes: z.number().int().min(0).optional().describe(
    "Size budget of the entries in bytes, 0 for no limit (default 16384); beyond it, nextCursor",
  ),
  cursor: z.string().optional().describe("The nextCursor of a previous answer"),
};

/** The default size budget of an answer's entries. */
export const DEFAULT_MAX_BYTES = 16 * 1024;
/** Longest value shown in a field change, in characters of JSON. */
const MAX_VALUE = 400;

function clip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text.length <= MAX_VALUE
    ? value
    : `${text.slice(0, MAX_VALUE)}… (${text.length} characters)`;
}

function child(path: string, key: string): string {
  const name = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  return name.startsWith("[") ? `${path}${name}` : path === "" ? name : `${path}.${name}`;
}

/** The fields in which `before` and `after` differ, deepest paths first found. */
export function fieldChanges(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (stableJson(before) === stableJson(after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], child(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => fieldChanges(item, after[i], `${path}[${i}]`));
  }
  return [{
    path: path === "" ? "." : path,
    ...(before === undefined ? {} : { from: clip(before) }),
    ...(after === undefined ? {} : { to: clip(after) }),
  }];
}

function shape(entry: DiffEntry, objects: boolean): CompactEntry {
  const { key, action } = entry;
  if (objects) {
    return {
      key,
      action,
      ...(entry.live ? { live: normalize(entry.live) } : {}),
      ...(entry.desired ? { desired: normalize(entry.desired) } : {}),
    };
  }
  if (action !== "configure" || !entry.live || !entry.desired) return { key, action };
  return { key, action, changes: fieldChanges(normalize(entry.live), normalize(entry.desired)) };
}

function startOf(cursor: string | undefined, total: number): number {
  if (cursor === undefined) return 0;
  const start = /^\d{1,9}$/.test(cursor) ? Number(cursor) : NaN;
  if (start >= 0 && start < total) return start;
  throw new NopeaError("SPEC_INVALID", `Invalid cursor ${JSON.stringify(cursor.slice(0, 32))}`, {
    hint: "Pass the nextCursor of the previous answer unchanged, or leave cursor out",
  });
}

/**
 * One page of entries within the byte budget (at least one entry per page), unchanged objects
 * counted and listed only when asked for.
 */
export function compactEntries(
  entries: readonly DiffEntry[],
  options: CompactOptions,
): CompactPage {
  const unchanged = entries.filter((e) => e.action === "unchanged").length;
  const listed = options.showUnchanged ? entries : entries.filter((e) => e.action !== "unchanged");
  const budget = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const start = listed.length === 0 ? 0 : startOf(options.cursor, listed.length);
  const page: CompactEntry[] = [];
  let used = 0;
  for (let i = start; i < listed.length; i++) {
    const entry = shape(listed[i]!, options.objects ?? false);
    const size = JSON.stringify(entry).length;
    if (budget > 0 && page.length > 0 && used + size > budget) {
      return { entries: page, unchanged, nextCursor: String(i) };
    }
    page.push(entry);
    used += size;
  }
  return { entries: page, unchanged };
}
