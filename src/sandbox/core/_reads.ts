/** The read verbs: get, list (with selectors and paging) and watch (from a resourceVersion). */
import type { ListQuery, RequestScope, WireWatchEvent } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import type { CoreContext } from "./_context.ts";
import type { StoreEvent } from "./_event_log.ts";
import { convertVersion } from "./_hpa_versions.ts";
import { apiVersionOf, cloneJson, meta, nameOf, namespaceOf } from "./_json.ts";
import { type Filter, matches, parseFilter } from "./_query.ts";
import { badRequest, expired } from "./_status.ts";

/** A copy of a stored object as served through `type`'s version. */
export function present(type: ResourceType, obj: JsonObject): JsonObject {
  const converted = convertVersion(type.group, type.kind, obj, type.version);
  const copy = converted === obj ? cloneJson(obj) : converted;
  copy["apiVersion"] = apiVersionOf(type.group, type.version);
  return copy;
}

function sortKey(obj: JsonObject): string {
  const ns = namespaceOf(obj);
  return ns ? `${ns}/${nameOf(obj)}` : nameOf(obj);
}

function decodeContinue(token: string): string {
  try {
    const parsed: unknown = JSON.parse(atob(token));
    const start = (parsed as { start?: unknown }).start;
    if (typeof start === "string") return start;
  } catch {
    // reported below
  }
  throw badRequest(`continue key is not valid: "${token}"`);
}

function encodeContinue(rv: number, lastKey: string): string {
  return btoa(JSON.stringify({ v: "meta.k8s.io/v1", rv, start: `${lastKey}\u0000` }));
}

/** LIST: matching objects sorted by namespace and name, with `limit`/`continue` paging. */
export function listObjects(
  ctx: CoreContext,
  type: ResourceType,
  scope: RequestScope,
  query: ListQuery,
): JsonObject {
  const filter = parseFilter(type, query, scope.namespace, undefined);
  const items = ctx.store.list(type.group, type.kind, filter.namespace)
    .filter((o) => matches(filter, o))
    .map((o) => ({ key: sortKey(o), o }))
    .sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  let start = 0;
  if (query.continue) {
    const after = decodeContinue(query.continue);
    while (start < items.length && (items[start]?.key ?? "") < after) start++;
  }
  const rv = ctx.store.resourceVersion;
  const limit = query.limit !== undefined && query.limit > 0 ? query.limit : Infinity;
  const page = items.slice(start, start + limit);
  const remaining = items.length - start - page.length;
  const last = page[page.length - 1];
  return {
    kind: type.listKind,
    apiVersion: apiVersionOf(type.group, type.version),
    metadata: {
      resourceVersion: String(rv),
      ...(remaining > 0 && last
        ? { continue: encodeContinue(rv, last.key), remainingItemCount: remaining }
        : {}),
    },
    items: page.map(({ o }) => {
      const copy = present(type, o);
      copy["kind"] = type.kind;
      return copy;
    }),
  };
}

function toWire(type: ResourceType, filter: Filter, e: StoreEvent): WireWatchEvent | undefined {
  const now = matches(filter, e.object);
  const before = e.old !== undefined && matches(filter, e.old);
  if (e.type === "DELETED") {
    return before ? { type: "DELETED", object: present(type, e.object) } : undefined;
  }
  if (now && before) return { type: "MODIFIED", object: present(type, e.object) };
  if (now) return { type: "ADDED", object: present(type, e.object) };
  if (before) return { type: "DELETED", object: present(type, e.object) };
  return undefined;
}

function startVersion(query: ListQuery): number | undefined {
  const rv = query.resourceVersion;
  if (rv === undefined || rv === "" || rv === "0") return undefined;
  if (!/^\d+$/.test(rv)) throw badRequest(`invalid resource version "${rv}"`);
  return Number(rv);
}

/**
 * WATCH: replays what the client missed (ADDED for every current object when no
 * resourceVersion is given; the logged events after it otherwise), synchronously,
 * then streams every later change until the returned function is called.
 */
export function watchObjects(
  ctx: CoreContext,
  type: ResourceType,
  scope: RequestScope,
  query: ListQuery,
  onEvent: (event: WireWatchEvent) => void,
): () => void {
  const filter = parseFilter(type, query, scope.namespace, scope.name);
  const from = startVersion(query);
  let last = ctx.store.resourceVersion;
  if (from === undefined) {
    const current = ctx.store.list(type.group, type.kind, filter.namespace)
      .filter((o) => matches(filter, o))
      .sort((a, b) => Number(meta(a)["resourceVersion"]) - Number(meta(b)["resourceVersion"]));
    for (const o of current) onEvent({ type: "ADDED", object: present(type, o) });
  } else {
    const missed = ctx.store.since(from);
    if (missed === undefined) throw expired(from, ctx.store.oldestReplayable);
    for (const e of missed) {
      if (e.group !== type.group || e.kind !== type.kind) continue;
      const wire = toWire(type, filter, e);
      if (wire) onEvent(wire);
    }
  }
  return ctx.store.subscribe((e) => {
    if (e.rv <= last || e.group !== type.group || e.kind !== type.kind) return;
    last = e.rv;
    const wire = toWire(type, filter, e);
    if (wire) onEvent(wire);
  });
}
