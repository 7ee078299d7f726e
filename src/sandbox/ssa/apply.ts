/** serverSideApply: merge, prune, conflict detection and managedFields bookkeeping of an apply. */
import type { JsonObject } from "../types.ts";
import { isObject, setKey } from "./_json.ts";
import { collectLeaves, diffLeaves } from "./_leaves.ts";
import { type Entry, isEntryOf, readEntries, sameSet, without, writeEntries } from "./_managed.ts";
import { mergeApplied } from "./_merge.ts";
import { isBelow, renderPath, SEP, sortPaths } from "./_paths.ts";
import { prune } from "./_prune.ts";
import {
  type Compiled,
  compileSchema,
  inScope,
  type Scope,
  scopeFor,
  UNTRACKED_META,
  UNTRACKED_ROOT,
} from "./_schema.ts";
import { type ApplyConflict, managerIdentifier } from "./conflict_status.ts";
import type { FieldSchema } from "./field_set.ts";
import { PatchError } from "./patch_error.ts";

/** One server-side apply request. */
export interface ApplyRequest {
  /** The stored object including `metadata.managedFields`, or `undefined` to create. */
  live: JsonObject | undefined;
  /** The applied configuration (already parsed from YAML or JSON). */
  patch: JsonObject;
  /** `fieldManager`. */
  manager: string;
  /** `force=true`: take conflicting fields instead of failing. */
  force: boolean;
  /** apiVersion of the request, recorded in managedFields. */
  apiVersion: string;
  /** RFC 3339 time, recorded in managedFields. */
  time: string;
  /** Which lists of the kind merge by key or as sets, and whether status is a subresource. */
  schema: FieldSchema;
  /** Apply to `/status`. */
  subresource?: "status";
}

/** The applied object, or the conflicts that stopped the apply (sorted by manager, then field). */
export type ApplyResult = { ok: true; object: JsonObject } | {
  ok: false;
  conflicts: ApplyConflict[];
};

function configOf(patch: JsonObject, scope: Scope): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (UNTRACKED_ROOT.has(key) || !inScope(scope, key)) continue;
    if (key !== "metadata" || !isObject(value)) {
      setKey(out, key, value);
      continue;
    }
    const managed = value["managedFields"];
    if (managed !== undefined && managed !== null && !(Array.isArray(managed) && !managed.length)) {
      throw new PatchError("Cannot apply the configuration: metadata.managedFields must be nil");
    }
    const meta: JsonObject = {};
    for (const [field, v] of Object.entries(value)) {
      if (!UNTRACKED_META.has(field)) setKey(meta, field, v);
    }
    if (Object.keys(meta).length > 0) out["metadata"] = meta;
  }
  return out;
}

/** The object an apply creates starts from the identity fields of the configuration. */
function baseOf(patch: JsonObject): JsonObject {
  const base: JsonObject = {};
  if (patch["apiVersion"] !== undefined) base["apiVersion"] = patch["apiVersion"];
  if (patch["kind"] !== undefined) base["kind"] = patch["kind"];
  const meta = isObject(patch["metadata"]) ? patch["metadata"] : {};
  const identity: JsonObject = {};
  for (const field of ["name", "namespace"]) {
    if (meta[field] !== undefined) identity[field] = meta[field];
  }
  base["metadata"] = identity;
  return base;
}

/** kube gives an object that was never tracked a "before-first-apply" manager owning it all. */
function entriesOf(req: ApplyRequest, schema: Compiled): Entry[] {
  const entries = readEntries(req.live);
  if (!req.live || entries.length > 0) return entries;
  const set = new Set(collectLeaves(req.live, schema, scopeFor(req.schema, undefined)).keys());
  if (set.size === 0) return [];
  const { apiVersion, time } = req;
  return [{
    manager: "before-first-apply",
    operation: "Update",
    apiVersion,
    time,
    subresource: "",
    set,
  }];
}

function conflictsOf(
  owners: readonly Entry[],
  changed: ReadonlySet<string>,
  removed: ReadonlySet<string>,
  nulled: readonly string[],
): ApplyConflict[] {
  const hot = [...changed];
  if (nulled.length > 0) {
    for (const p of removed) if (nulled.some((n) => p === n || isBelow(p, n))) hot.push(p);
  }
  const found: { id: string; conflicts: ApplyConflict[] }[] = [];
  for (const e of owners) {
    const paths = hot.filter((p) => e.set.has(p));
    if (paths.length === 0) continue;
    const who = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time === undefined ? {} : { time: e.time }),
      ...(e.subresource === "" ? {} : { subresource: e.subresource }),
    };
    const conflicts = sortPaths(paths).map((p) => ({ ...who, field: renderPath(p) }));
    found.push({ id: managerIdentifier(who), conflicts });
  }
  found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return found.flatMap((f) => f.conflicts);
}

function ownEntry(
  req: ApplyRequest,
  prev: Entry | undefined,
  set: Set<string>,
  changed: boolean,
): Entry {
  if (
    prev && !changed && prev.time !== undefined && prev.apiVersion === req.apiVersion &&
    sameSet(prev.set, set)
  ) {
    return prev;
  }
  const { manager, apiVersion, time } = req;
  return { manager, operation: "Apply", apiVersion, time, subresource: req.subresource ?? "", set };
}

/**
 * Server-side apply as kube-apiserver does it (structured-merge-diff): merges the applied
 * configuration into the live object (maps recurse, list-maps merge by key, sets by value,
 * other lists are atomic), removes the fields this manager applied before but no longer applies
 * unless another manager owns them, and fails with conflicts when a field owned by another
 * manager would change (unless `force`). The manager's Apply entry becomes exactly the applied
 * field set; with `force`, conflicting fields leave their previous owners. Fields applied with the
 * live value are co-owned. A no-op apply returns the live object unchanged (time included).
 * With a status subresource, main-resource applies ignore `status` and `/status` applies only
 * `status`. An object without managedFields is first owned by "before-first-apply", as in kube.
 *
 * @param req The live object, configuration, manager, force flag, time and schema.
 * @returns `{ok: true, object}` with `metadata.managedFields` set, or `{ok: false, conflicts}`.
 * @throws {PatchError} When the configuration has duplicate or keyless items in a keyed list,
 * or sets `metadata.managedFields`.
 *
 * @example Two managers: a conflict, then force
 * ```ts
 * import { serverSideApply } from "./mod.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const schema = { listMapKeys: {}, listSets: [], statusSubresource: false };
 * const cm = (v: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: v } });
 * const base = { apiVersion: "v1", time: "2026-01-01T00:00:00Z", schema, force: false };
 * const first = serverSideApply({ ...base, live: undefined, patch: cm("1"), manager: "nopea" });
 * if (!first.ok) throw new Error("unexpected conflict");
 * const second = serverSideApply({ ...base, live: first.object, patch: cm("2"), manager: "helm" });
 * equal(second.ok, false);
 * if (!second.ok) deepEqual(second.conflicts.map((c) => c.field), [".data.a"]);
 * const forced = serverSideApply({ ...base, live: first.object, patch: cm("2"), manager: "helm", force: true });
 * equal(forced.ok && forced.object["data"] !== undefined, true);
 * ```
 */
export function serverSideApply(req: ApplyRequest): ApplyResult {
  const schema = compileSchema(req.schema);
  const scope = scopeFor(req.schema, req.subresource);
  const sub = req.subresource ?? "";
  const config = configOf(req.patch, scope);
  const applied = new Set(collectLeaves(config, schema, "all").keys());
  const entries = entriesOf(req, schema);
  const prev = entries.find((e) => isEntryOf(e, req.manager, "Apply", sub));
  const others = entries.filter((e) => e !== prev);
  const { object, nulled } = mergeApplied(req.live ?? baseOf(req.patch), config, schema);
  if (prev) {
    const previous = [...prev.set].filter((p) =>
      inScope(scope, p.split(SEP, 1)[0]?.slice(2) ?? "")
    );
    prune(object, previous, [applied, ...others.map((e) => e.set)], schema);
  }
  const before = collectLeaves(req.live ?? {}, schema, scope);
  const { changed, removed } = diffLeaves(before, collectLeaves(object, schema, scope));
  const owners = others.filter((e) => e.subresource === sub);
  const conflicts = conflictsOf(owners, changed, removed, nulled);
  if (conflicts.length > 0 && !req.force) return { ok: false, conflicts };
  const mine = ownEntry(req, prev, applied, changed.size + removed.size > 0);
  const updated = entries.map((e) => (e === prev ? mine : without(e, changed, removed)));
  if (!prev) updated.push(mine);
  const meta = isObject(object["metadata"]) ? object["metadata"] : {};
  object["metadata"] = meta;
  const managedFields = writeEntries(updated);
  if (managedFields.length > 0) meta["managedFields"] = managedFields;
  else delete meta["managedFields"];
  return { ok: true, object };
}
