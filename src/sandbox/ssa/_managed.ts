/** managedFields entries as sets of encoded paths: reading, updating and writing back. */
import type { JsonObject } from "../types.ts";
import { cloneJson, isObject } from "./_json.ts";
import { fromFieldsV1, toFieldsV1 } from "./field_set.ts";

/** One managedFields entry with its fields as a set of encoded paths. */
export interface Entry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time?: string;
  /** `""` for the main resource. */
  subresource: string;
  set: Set<string>;
  /** The entry as read; written back as is while the entry is unchanged. */
  raw?: JsonObject;
}

/** Whether the entry belongs to (manager, operation, subresource). */
export function isEntryOf(e: Entry, manager: string, operation: string, sub: string): boolean {
  return e.manager === manager && e.operation === operation && e.subresource === sub;
}

/** Reads `metadata.managedFields`; invalid entries are dropped, duplicates merged. */
export function readEntries(obj: JsonObject | undefined): Entry[] {
  const meta = obj?.["metadata"];
  const list = isObject(meta) ? meta["managedFields"] : undefined;
  if (!Array.isArray(list)) return [];
  const out: Entry[] = [];
  for (const raw of list) {
    if (!isObject(raw)) continue;
    const { manager, operation, apiVersion, time, subresource } = raw;
    if (typeof manager !== "string" || (operation !== "Apply" && operation !== "Update")) continue;
    const sub = typeof subresource === "string" ? subresource : "";
    const set = fromFieldsV1(raw["fieldsV1"]);
    const same = out.find((e) => isEntryOf(e, manager, operation, sub));
    if (same) {
      for (const path of set) same.set.add(path);
      delete same.raw;
      continue;
    }
    const version = typeof apiVersion === "string" ? apiVersion : "";
    const entry: Entry = { manager, operation, apiVersion: version, subresource: sub, set, raw };
    if (typeof time === "string") entry.time = time;
    out.push(entry);
  }
  return out;
}

/** The entry with some paths taken away (the same entry when none of them was in it). */
export function without(e: Entry, ...drop: ReadonlySet<string>[]): Entry {
  let set: Set<string> | undefined;
  for (const paths of drop) {
    const [small, big] = paths.size < e.set.size ? [paths, e.set] : [e.set, paths];
    for (const path of small) {
      if (!big.has(path)) continue;
      set ??= new Set(e.set);
      set.delete(path);
    }
  }
  if (!set) return e;
  const { raw: _raw, ...rest } = e;
  return { ...rest, set };
}

/** Whether two path sets are equal. */
export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const path of a) if (!b.has(path)) return false;
  return true;
}

/** Writes entries back as `metadata.managedFields`; entries with empty sets are dropped. */
export function writeEntries(entries: readonly Entry[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const e of entries) {
    if (e.set.size === 0) continue;
    if (e.raw) {
      out.push(cloneJson(e.raw));
      continue;
    }
    out.push({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time === undefined ? {} : { time: e.time }),
      fieldsType: "FieldsV1",
      fieldsV1: toFieldsV1(e.set),
      ...(e.subresource === "" ? {} : { subresource: e.subresource }),
    });
  }
  return out;
}
