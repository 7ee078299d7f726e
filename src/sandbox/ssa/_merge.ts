/** Merges an apply configuration into the live object, as structured-merge-diff merges. */
import type { JsonObject } from "../types.ts";
import { cloneJson, isObject, setKey } from "./_json.ts";
import { itemSegments } from "./_leaves.ts";
import { childPath, renderPath } from "./_paths.ts";
import type { Compiled } from "./_schema.ts";
import { PatchError } from "./patch_error.ts";

interface Ctx {
  schema: Compiled;
  /** Encoded paths of live fields that the configuration set to `null`. */
  nulled: string[];
}

/**
 * Lists items in the applied order, with live-only items kept where they were: a port of
 * structured-merge-diff's ordering of merged associative lists.
 */
function orderedMerge(
  live: readonly unknown[],
  liveSegments: readonly string[],
  items: readonly unknown[],
  segments: readonly string[],
  combine: (liveItem: unknown, item: unknown, segment: string) => unknown,
): unknown[] {
  const applied = new Set(segments);
  const liveBySegment = new Map<string, unknown>();
  for (const [i, segment] of liveSegments.entries()) {
    if (!liveBySegment.has(segment)) liveBySegment.set(segment, live[i]);
  }
  const shared = segments.filter((s) => liveBySegment.has(s));
  const emitted = new Set<string>();
  const out: unknown[] = [];
  let next = 0, li = 0, ri = 0;
  while (li < live.length || ri < items.length) {
    if (li < live.length) {
      const segment = liveSegments[li] ?? "";
      if (!applied.has(segment)) {
        out.push(cloneJson(live[li++]));
        continue;
      }
      if (emitted.has(segment) || segment !== shared[next] || ri >= items.length) {
        li++;
        continue;
      }
    }
    const segment = segments[ri] ?? "";
    out.push(combine(liveBySegment.get(segment), items[ri++], segment));
    emitted.add(segment);
    if (segment === shared[next]) next++;
  }
  return out;
}

function mergeList(live: unknown, list: unknown[], at: string, path: string, ctx: Ctx): unknown[] {
  const kind = ctx.schema.list(at);
  if (kind.type === "atomic") return cloneJson(list);
  if (list.length === 0) return Array.isArray(live) ? cloneJson(live) : [];
  const mine = itemSegments(list, kind);
  const where = `Cannot apply the configuration: ${renderPath(path)}`;
  if ("error" in mine) throw new PatchError(`${where}: ${mine.error}`);
  if (mine.duplicate) {
    throw new PatchError(`${where}: duplicate entries for key ${renderPath(mine.duplicate)}`);
  }
  const liveList = Array.isArray(live) ? live : [];
  const theirs = itemSegments(liveList, kind);
  if ("error" in theirs) return mergeList(undefined, list, at, path, ctx);
  return orderedMerge(liveList, theirs.segments, list, mine.segments, (liveItem, item, s) => {
    if (kind.type === "set" || !isObject(item)) return cloneJson(item);
    return mergeFields(
      isObject(liveItem) ? liveItem : undefined,
      item,
      at,
      childPath(path, s),
      ctx,
    );
  });
}

function mergeValue(live: unknown, value: unknown, at: string, path: string, ctx: Ctx): unknown {
  if (Array.isArray(value)) return mergeList(live, value, at, path, ctx);
  if (isObject(value)) return mergeFields(isObject(live) ? live : undefined, value, at, path, ctx);
  return value;
}

function mergeField(
  out: JsonObject,
  key: string,
  live: unknown,
  value: unknown,
  at: string,
  path: string,
  ctx: Ctx,
): void {
  const fieldPath = childPath(path, `f:${key}`);
  if (value === null) {
    if (live !== undefined && live !== null) ctx.nulled.push(fieldPath);
  } else if (value !== undefined) {
    setKey(out, key, mergeValue(live, value, at === "" ? key : `${at}.${key}`, fieldPath, ctx));
  } else if (live !== undefined) {
    setKey(out, key, cloneJson(live));
  }
}

function mergeFields(
  live: JsonObject | undefined,
  config: JsonObject,
  at: string,
  path: string,
  ctx: Ctx,
): JsonObject {
  const out: JsonObject = {};
  if (live) {
    for (const [key, value] of Object.entries(live)) {
      mergeField(
        out,
        key,
        value,
        Object.hasOwn(config, key) ? config[key] : undefined,
        at,
        path,
        ctx,
      );
    }
  }
  for (const [key, value] of Object.entries(config)) {
    if (!live || !Object.hasOwn(live, key)) mergeField(out, key, undefined, value, at, path, ctx);
  }
  return out;
}

/**
 * Merges `config` into `live`: maps recurse, list-maps and sets merge item by item, atomic
 * lists and scalars are replaced, `null` removes. Returns a new object and the removed paths.
 *
 * @throws {PatchError} When a keyed list of the configuration has duplicate or keyless items.
 */
export function mergeApplied(
  live: JsonObject,
  config: JsonObject,
  schema: Compiled,
): { object: JsonObject; nulled: string[] } {
  const ctx: Ctx = { schema, nulled: [] };
  const object = mergeFields(live, config, "", "", ctx);
  return { object, nulled: ctx.nulled };
}
