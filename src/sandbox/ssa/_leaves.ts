/** The tracked leaves of an object (encoded path → value) and what changed between two objects. */
import type { JsonObject } from "../types.ts";
import { isObject, jsonEqual, typeName } from "./_json.ts";
import { childPath, isBelow, keySegment, valueSegment } from "./_paths.ts";
import {
  type Compiled,
  inScope,
  type ListKind,
  type Scope,
  UNTRACKED_META,
  UNTRACKED_ROOT,
} from "./_schema.ts";

/** Marks the path of a list-map item itself (`".": {}` in FieldsV1). */
export const ITEM: unique symbol = Symbol("list item");

/** Encoded path → leaf value (scalars, atomic lists, empty maps, set items) or {@link ITEM}. */
export type Leaves = Map<string, unknown>;

/** The segments of a list's items, or why the list cannot be merged item by item. */
export type ItemSegments = { segments: string[]; duplicate?: string } | { error: string };

/** Computes the `k:` or `v:` segment of every item of a set or list-map. */
export function itemSegments(list: readonly unknown[], kind: ListKind): ItemSegments {
  const segments: string[] = [];
  const seen = new Set<string>();
  let duplicate: string | undefined;
  for (const [i, item] of list.entries()) {
    let segment: string | undefined;
    if (kind.type === "map") {
      if (!isObject(item)) return { error: `element ${i} is ${typeName(item)}, not an object` };
      segment = keySegment(item, kind.sortedKeys);
      const names = kind.keys.map((k) => `"${k}"`).join(", ");
      if (segment === undefined) {
        return { error: `element ${i} has none of the key fields ${names}` };
      }
    } else {
      segment = valueSegment(item);
    }
    if (seen.has(segment)) duplicate ??= segment;
    seen.add(segment);
    segments.push(segment);
  }
  return duplicate === undefined ? { segments } : { segments, duplicate };
}

function walkList(list: unknown[], at: string, path: string, schema: Compiled, out: Leaves): void {
  const kind = list.length === 0 ? { type: "atomic" as const } : schema.list(at);
  const items = kind.type === "atomic" ? undefined : itemSegments(list, kind);
  if (items === undefined || "error" in items) {
    out.set(path, list);
    return;
  }
  for (const [i, item] of list.entries()) {
    const itemPath = childPath(path, items.segments[i] ?? "");
    if (kind.type === "set" || !isObject(item)) {
      out.set(itemPath, item);
      continue;
    }
    out.set(itemPath, ITEM);
    walkFields(item, at, itemPath, schema, out);
  }
}

function walkValue(value: unknown, at: string, path: string, schema: Compiled, out: Leaves): void {
  if (Array.isArray(value)) walkList(value, at, path, schema, out);
  else if (isObject(value) && Object.keys(value).length > 0) {
    walkFields(value, at, path, schema, out);
  } else out.set(path, value);
}

function walkFields(
  obj: JsonObject,
  at: string,
  path: string,
  schema: Compiled,
  out: Leaves,
): void {
  for (const [key, value] of Object.entries(obj)) {
    if (value !== undefined) {
      walkValue(value, `${at}.${key}`, childPath(path, `f:${key}`), schema, out);
    }
  }
}

/** Every tracked leaf of `obj` within `scope` (untracked metadata and `apiVersion`/`kind` skipped). */
export function collectLeaves(obj: JsonObject, schema: Compiled, scope: Scope): Leaves {
  const out: Leaves = new Map();
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || UNTRACKED_ROOT.has(key) || !inScope(scope, key)) continue;
    if (key !== "metadata" || !isObject(value)) {
      walkValue(value, key, `f:${key}`, schema, out);
      continue;
    }
    for (const [field, v] of Object.entries(value)) {
      if (v === undefined || UNTRACKED_META.has(field)) continue;
      walkValue(v, `metadata.${field}`, childPath("f:metadata", `f:${field}`), schema, out);
    }
  }
  return out;
}

function isEmptyContainer(value: unknown): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : isObject(value) && Object.keys(value).length === 0;
}

function hasBelow(leaves: Leaves, prefix: string): boolean {
  for (const path of leaves.keys()) if (isBelow(path, prefix)) return true;
  return false;
}

/**
 * Paths added or modified (`changed`) and paths gone (`removed`) from `before` to `after`. As in
 * structured-merge-diff, an empty map or list is a leaf only when the other side has nothing
 * below it: emptying a map removes its fields but does not add the map itself.
 */
export function diffLeaves(before: Leaves, after: Leaves): {
  changed: Set<string>;
  removed: Set<string>;
} {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const [path, value] of after) {
    if (!before.has(path)) {
      if (!isEmptyContainer(value) || !hasBelow(before, path)) changed.add(path);
    } else if (value !== ITEM && !jsonEqual(before.get(path), value)) {
      changed.add(path);
    }
  }
  for (const [path, value] of before) {
    if (after.has(path)) continue;
    if (!isEmptyContainer(value) || !hasBelow(after, path)) removed.add(path);
  }
  return { changed, removed };
}
