/** Compiled list semantics of a FieldSchema, the untracked fields, and the scope of a write. */
import type { FieldSchema } from "./field_set.ts";

/** How a list at a schema path merges: atomic (one leaf), set of values, or map by key fields. */
export type ListKind =
  | { type: "atomic" }
  | { type: "set" }
  | { type: "map"; keys: readonly string[]; sortedKeys: readonly string[] };

/** A FieldSchema prepared for lookups. */
export interface Compiled {
  list(path: string): ListKind;
  readonly statusSubresource: boolean;
}

/** Which top-level fields a write touches: everything, all but `status`, or only `status`. */
export type Scope = "all" | "main" | "status";

/** Top-level fields never tracked in managedFields. */
export const UNTRACKED_ROOT: ReadonlySet<string> = new Set(["apiVersion", "kind"]);

/** `metadata` fields never tracked in managedFields. */
export const UNTRACKED_META: ReadonlySet<string> = new Set([
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "selfLink",
]);

/** Key fields with a schema default in kube (a port without `protocol` is keyed as "TCP"). */
export const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: "TCP" };

const ATOMIC: ListKind = { type: "atomic" };
const SET: ListKind = { type: "set" };
/** ObjectMeta lists every kind has, used unless the schema says otherwise. */
const META_MAPS: Readonly<Record<string, readonly string[]>> = {
  "metadata.ownerReferences": ["uid"],
};
const META_SETS: readonly string[] = ["metadata.finalizers"];

const cache = new WeakMap<FieldSchema, Compiled>();

function mapKind(keys: readonly string[]): ListKind {
  if (keys.length === 0) return ATOMIC;
  return { type: "map", keys, sortedKeys: [...keys].sort() };
}

/** Compiles (and caches per schema object) the list kinds of a schema. */
export function compileSchema(schema: FieldSchema): Compiled {
  const cached = cache.get(schema);
  if (cached) return cached;
  const lists = new Map<string, ListKind>();
  for (const path of META_SETS) lists.set(path, SET);
  for (const [path, keys] of Object.entries(META_MAPS)) lists.set(path, mapKind(keys));
  for (const path of schema.listSets) lists.set(path, SET);
  for (const [path, keys] of Object.entries(schema.listMapKeys)) lists.set(path, mapKind(keys));
  const compiled: Compiled = {
    list: (path) => lists.get(path) ?? ATOMIC,
    statusSubresource: schema.statusSubresource,
  };
  cache.set(schema, compiled);
  return compiled;
}

/** The scope of a write to the main resource or to the status subresource. */
export function scopeFor(schema: FieldSchema, subresource: "status" | undefined): Scope {
  if (subresource === "status") return "status";
  return schema.statusSubresource ? "main" : "all";
}

/** Whether a top-level field belongs to the scope. */
export function inScope(scope: Scope, field: string): boolean {
  if (scope === "all") return true;
  return scope === "status" ? field === "status" : field !== "status";
}
