/** recordUpdate: field ownership of non-apply writes (create, PUT, merge/JSON/strategic patch). */
import type { JsonObject } from "../types.ts";
import { cloneJson, isObject } from "./_json.ts";
import { collectLeaves, diffLeaves } from "./_leaves.ts";
import { type Entry, isEntryOf, readEntries, without, writeEntries } from "./_managed.ts";
import { compileSchema, scopeFor } from "./_schema.ts";
import type { FieldSchema } from "./field_set.ts";

/** Who wrote, when, through which subresource, and the schema of the kind. */
export interface RecordUpdateOptions {
  /** The field manager of the write. */
  manager: string;
  /** apiVersion of the request, recorded in managedFields. */
  apiVersion: string;
  /** RFC 3339 time, recorded in managedFields. */
  time: string;
  /** Which lists of the kind merge by key or as sets, and whether status is a subresource. */
  schema: FieldSchema;
  /** A write to `/status`. */
  subresource?: "status";
  /** Set managedFields on `after` itself and return it (the caller owns `after`): no copy. */
  inPlace?: boolean;
}

/** A request body with `managedFields: [{}]` asks to clear managedFields (kube convention). */
function isReset(value: unknown): boolean {
  return Array.isArray(value) && value.length === 1 && isObject(value[0]) &&
    Object.keys(value[0]).length === 0;
}

/**
 * Records ownership for a write that is not an apply. The manager's "Update" entry takes every
 * field whose value the write set or changed (every set field on create); those fields leave
 * the other managers' sets, removed fields leave every set, and entries left empty are dropped.
 * The entry's time and apiVersion change only when it took fields. Entries come from `after`
 * when it carries managedFields (a client may send them), else from `before`; a body with
 * `managedFields: [{}]` clears them. With a status subresource, main-resource writes track
 * everything but `status`, and `/status` writes only `status`.
 *
 * @param before The stored object before the write, or `undefined` on create.
 * @param after The object about to be stored.
 * @param opts The manager, apiVersion, time, schema and subresource of the write.
 * @returns A copy of `after` (or `after` itself with `inPlace`) with `metadata.managedFields` set.
 *
 * @example A PUT that changes replicas takes it from the applier
 * ```ts
 * import { recordUpdate, serverSideApply } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const schema = { listMapKeys: {}, listSets: [], statusSubresource: true };
 * const time = "2026-01-01T00:00:00Z";
 * const deploy = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { replicas: 1 } };
 * const applied = serverSideApply({ live: undefined, patch: deploy, manager: "nopea", force: false, apiVersion: "apps/v1", time, schema });
 * if (!applied.ok) throw new Error("unexpected conflict");
 * const edited = { ...applied.object, spec: { replicas: 5 } };
 * const stored = recordUpdate(applied.object, edited, { manager: "kubectl-edit", apiVersion: "apps/v1", time, schema });
 * const entries = (stored["metadata"] as { managedFields: { manager: string }[] }).managedFields;
 * equal(entries.map((e) => e.manager).join(","), "kubectl-edit");
 * ```
 */
export function recordUpdate(
  before: JsonObject | undefined,
  after: JsonObject,
  opts: RecordUpdateOptions,
): JsonObject {
  const out = opts.inPlace ? after : cloneJson(after);
  const meta = isObject(out["metadata"]) ? out["metadata"] : {};
  out["metadata"] = meta;
  if (isReset(meta["managedFields"])) {
    delete meta["managedFields"];
    return out;
  }
  const schema = compileSchema(opts.schema);
  const scope = scopeFor(opts.schema, opts.subresource);
  const sub = opts.subresource ?? "";
  const sent = readEntries(after);
  const entries = sent.length > 0 ? sent : readEntries(before);
  const { changed, removed } = diffLeaves(
    collectLeaves(before ?? {}, schema, scope),
    collectLeaves(after, schema, scope),
  );
  const prev = entries.find((e) => isEntryOf(e, opts.manager, "Update", sub));
  const updated = entries.map((e) => (e === prev ? e : without(e, changed, removed)));
  if (changed.size > 0) {
    const set = new Set(prev ? without(prev, removed).set : []);
    for (const path of changed) set.add(path);
    const { manager, apiVersion, time } = opts;
    const mine: Entry = { manager, operation: "Update", apiVersion, time, subresource: sub, set };
    if (prev) updated[updated.indexOf(prev)] = mine;
    else updated.push(mine);
  } else if (prev) {
    updated[updated.indexOf(prev)] = without(prev, removed);
  }
  const managedFields = writeEntries(updated);
  if (managedFields.length > 0) meta["managedFields"] = managedFields;
  else delete meta["managedFields"];
  return out;
}
