/** FieldsV1: the trie of owned fields in `metadata.managedFields`, built from and read into paths. */
import type { JsonObject, ResourceType } from "../types.ts";
import { isObject } from "./_json.ts";
import { collectLeaves } from "./_leaves.ts";
import { childPath, compareSegments, SEP } from "./_paths.ts";
import { compileSchema } from "./_schema.ts";

/** The parts of a ResourceType that merging needs. */
export type FieldSchema = Pick<ResourceType, "listMapKeys" | "listSets" | "statusSubresource">;

/**
 * A FieldsV1 trie: `f:<field>`, list-map items `k:{"name":"app"}`, set items `v:<json>`,
 * `".": {}` marking an item that is owned itself and has owned children; leaves are `{}`.
 */
export type FieldsV1 = Record<string, unknown>;

interface Node {
  children: Map<string, Node>;
  member: boolean;
}

function render(node: Node): FieldsV1 {
  const out: FieldsV1 = {};
  if (node.member && node.children.size > 0) out["."] = {};
  if (node.children.size === 1) {
    for (const [segment, child] of node.children) out[segment] = render(child);
    return out;
  }
  const segments = [...node.children.keys()].sort(compareSegments);
  for (const segment of segments) {
    const child = node.children.get(segment);
    if (child) out[segment] = render(child);
  }
  return out;
}

/** Builds the FieldsV1 trie of a set of encoded paths (children sorted as kube sorts them). */
export function toFieldsV1(paths: Iterable<string>): FieldsV1 {
  const root: Node = { children: new Map(), member: false };
  for (const path of paths) {
    let node = root;
    for (const segment of path.split(SEP)) {
      let next = node.children.get(segment);
      if (!next) {
        next = { children: new Map(), member: false };
        node.children.set(segment, next);
      }
      node = next;
    }
    node.member = true;
  }
  return render(root);
}

function visit(node: JsonObject, prefix: string, out: Set<string>): void {
  const keys = Object.keys(node);
  if (keys.length === 0 && prefix !== "") out.add(prefix);
  for (const key of keys) {
    const child = node[key];
    if (key === ".") {
      if (prefix !== "") out.add(prefix);
    } else if (isObject(child) && /^[fkvi]:/.test(key)) {
      visit(child, childPath(prefix, key), out);
    }
  }
}

/** Reads a FieldsV1 trie into encoded paths; anything that is not a trie yields no paths. */
export function fromFieldsV1(trie: unknown): Set<string> {
  const out = new Set<string>();
  if (isObject(trie)) visit(trie, "", out);
  return out;
}

/**
 * The FieldsV1 trie of every field set in `obj`: what a manager that wrote `obj` would own.
 * `apiVersion`, `kind` and server-set metadata (name, namespace, uid, resourceVersion,
 * generation, creationTimestamp, managedFields, selfLink) are not tracked.
 *
 * @param obj The object (or apply configuration).
 * @param schema Which lists merge by key (`listMapKeys`) or as sets (`listSets`).
 * @returns The trie, as it appears in a managedFields entry's `fieldsV1`.
 *
 * @example Containers are keyed by name; the item itself is marked with "."
 * ```ts
 * import { fieldSetOf } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const schema = {
 *   listMapKeys: { "spec.containers": ["name"] }, listSets: [], statusSubresource: false,
 * };
 * const pod = {
 *   apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: { app: "web" } },
 *   spec: { containers: [{ name: "app", image: "nginx" }] },
 * };
 * deepEqual(fieldSetOf(pod, schema), {
 *   "f:metadata": { "f:labels": { "f:app": {} } },
 *   "f:spec": {
 *     "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} } },
 *   },
 * });
 * ```
 */
export function fieldSetOf(obj: JsonObject, schema: FieldSchema): FieldsV1 {
  return toFieldsV1(collectLeaves(obj, compileSchema(schema), "all").keys());
}
