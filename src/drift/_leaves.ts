/** Splits an object into leaf fields, keying list items the way server-side apply merges them. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { deepEqual, type FieldPath, formatPath } from "./field_path.ts";
import { managedEntries, parseTrieKey } from "./owned_fields.ts";

/** How a list merges: items keyed by fields, set items, or replaced whole. */
export type ListShape =
  | { readonly type: "map"; readonly keys: readonly string[] }
  | { readonly type: "set" }
  | { readonly type: "atomic" };

/** List shapes by dotted field path without items (`"spec.template.spec.containers"`). */
export type ListShapes = ReadonlyMap<string, ListShape>;

/** One leaf field and its value. */
export interface Leaf {
  readonly path: FieldPath;
  readonly value: unknown;
}

const KNOWN_MAP_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
  imagePullSecrets: ["name"],
  resourceClaims: ["name"],
  volumeMounts: ["mountPath"],
  volumeDevices: ["devicePath"],
  conditions: ["type"],
  ownerReferences: ["uid"],
  hostAliases: ["ip"],
  topologySpreadConstraints: ["topologyKey", "whenUnsatisfiable"],
};

/** Learns list shapes from the FieldsV1 tries of the given objects (`k:` → map, `v:` → set). */
export function learnListShapes(objs: readonly (KubeObject | undefined)[]): ListShapes {
  const shapes = new Map<string, ListShape>();
  for (const obj of objs) {
    if (obj === undefined) continue;
    for (const entry of managedEntries(obj)) learn(entry.fieldsV1, [], shapes);
  }
  return shapes;
}

/** Walks a FieldsV1 trie; `dotted` is the field path so far, one array pushed and popped. */
function learn(
  node: Record<string, unknown>,
  dotted: string[],
  out: Map<string, ListShape>,
) {
  for (const [trieKey, child] of Object.entries(node)) {
    const el = parseTrieKey(trieKey);
    if (el === undefined || !isPlainObject(child)) continue;
    if ("field" in el) {
      dotted.push(el.field);
      learn(child, dotted, out);
      dotted.pop();
    } else if ("key" in el) {
      out.set(dotted.join("."), { type: "map", keys: Object.keys(el.key) });
      learn(child, dotted, out);
    } else if ("value" in el) out.set(dotted.join("."), { type: "set" });
  }
}

/** The leaf fields of `value`: scalars, empty maps, atomic lists, set items, and fields of keyed items. */
export function leavesOf(value: unknown, shapes: ListShapes): Leaf[] {
  const out: Leaf[] = [];
  walk(value, [], [], shapes, out);
  return out;
}

function walk(value: unknown, path: FieldPath, dotted: string[], shapes: ListShapes, out: Leaf[]) {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [field, child] of Object.entries(value)) {
      walk(child, [...path, { field }], [...dotted, field], shapes, out);
    }
    return;
  }
  if (!Array.isArray(value) || value.length === 0) {
    out.push({ path, value });
    return;
  }
  const shape = shapeOf(dotted, value, shapes);
  if (shape.type === "atomic") out.push({ path, value });
  else if (shape.type === "set") {
    for (const item of value) out.push({ path: [...path, { value: item }], value: item });
  } else {
    for (const item of value as Record<string, unknown>[]) {
      const key = Object.fromEntries(shape.keys.flatMap((k) => k in item ? [[k, item[k]]] : []));
      walk(item, [...path, { key }], dotted, shapes, out);
    }
  }
}

/** How the list at `dotted` merges: learned from managedFields, else known by its name. */
export function shapeOf(
  dotted: readonly string[],
  items: readonly unknown[],
  shapes: ListShapes,
): ListShape {
  const name = dotted.at(-1) ?? "";
  const shape = shapes.get(dotted.join(".")) ?? fallbackShape(name, items);
  if (shape.type === "set") {
    return items.some((i) => typeof i === "object" && i !== null) ? { type: "atomic" } : shape;
  }
  return shape.type === "map" && !keysAreUsable(shape.keys, items) ? { type: "atomic" } : shape;
}

function fallbackShape(name: string, items: readonly unknown[]): ListShape {
  if (name === "finalizers") return { type: "set" };
  if (name === "ports") {
    const first = items[0];
    const port = isPlainObject(first) && "containerPort" in first ? "containerPort" : "port";
    return { type: "map", keys: [port, "protocol"] };
  }
  const keys = KNOWN_MAP_KEYS[name];
  return keys ? { type: "map", keys } : { type: "atomic" };
}

/** Every item is an object with at least one key field, and no two items share a key. */
function keysAreUsable(keys: readonly string[], items: readonly unknown[]): boolean {
  const seen: Record<string, unknown>[] = [];
  for (const item of items) {
    if (!isPlainObject(item) || !keys.some((k) => item[k] !== undefined)) return false;
    const key = Object.fromEntries(keys.map((k) => [k, item[k]]));
    if (seen.some((s) => deepEqual(s, key))) return false;
    seen.push(key);
  }
  return true;
}

/** Leaves keyed by their formatted path. */
export function leafIndex(leaves: readonly Leaf[]): Map<string, Leaf> {
  return new Map(leaves.map((leaf) => [formatPath(leaf.path), leaf]));
}
