/** Reading `metadata.managedFields` (FieldsV1 tries): what a manager owns, and who owns a path. */
import { isPlainObject, type KubeObject, type ManagedFieldsEntry } from "../manifests/mod.ts";
import {
  deepEqual,
  type FieldPath,
  formatPath,
  keyMatches,
  type PathElement,
} from "./field_path.ts";

/**
 * The paths a field manager owns in `obj`, from every `metadata.managedFields` entry of that
 * manager: leaves (`f:image: {}`) and items or maps owned as a whole (`.: {}`). FieldsV1 keys
 * become path elements: `f:<name>` a field, `k:{json}` a list-map item, `v:<json>` a set item,
 * `i:<n>` a list index.
 *
 * @example
 * ```ts
 * import { formatPath, ownedFields } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const obj = {
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", managedFields: [{
 *     manager: "nopea", operation: "Apply" as const, apiVersion: "apps/v1", fieldsType: "FieldsV1" as const,
 *     fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": {
 *       'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} } } } } } },
 *   }] },
 * };
 * deepEqual(ownedFields(obj, "nopea").map(formatPath), [
 *   '.spec.template.spec.containers[name="app"]',
 *   '.spec.template.spec.containers[name="app"].image',
 *   '.spec.template.spec.containers[name="app"].name',
 * ]);
 * ```
 */
export function ownedFields(obj: KubeObject, manager: string): FieldPath[] {
  const found = new Map<string, FieldPath>();
  for (const entry of managedEntries(obj)) {
    if (entry.manager === manager) collectOwned(entry.fieldsV1, [], found);
  }
  return [...found.values()];
}

function collectOwned(
  node: Record<string, unknown>,
  prefix: FieldPath,
  out: Map<string, FieldPath>,
) {
  for (const [trieKey, child] of Object.entries(node)) {
    if (trieKey === ".") {
      if (prefix.length > 0) out.set(formatPath(prefix), prefix);
      continue;
    }
    const el = parseTrieKey(trieKey);
    if (el === undefined || !isPlainObject(child)) continue;
    const path = [...prefix, el];
    if (Object.keys(child).length === 0) out.set(formatPath(path), path);
    else collectOwned(child, path, out);
  }
}

/**
 * The managers whose FieldsV1 set covers `path` in `obj`: they own the path itself, something
 * below it, or an atomic value above it.
 */
export function ownersOf(obj: KubeObject, path: FieldPath): string[] {
  const owners = new Set<string>();
  for (const entry of managedEntries(obj)) {
    if (Object.keys(entry.fieldsV1).length > 0 && trieCovers(entry.fieldsV1, path, 0)) {
      owners.add(entry.manager);
    }
  }
  return [...owners];
}

function trieCovers(node: Record<string, unknown>, path: FieldPath, i: number): boolean {
  const want = path[i];
  if (want === undefined) return true;
  const keys = Object.keys(node);
  if (keys.length === 0) return true;
  return keys.some((trieKey) => {
    const el = trieKey === "." ? undefined : parseTrieKey(trieKey);
    const child = node[trieKey];
    return el !== undefined && isPlainObject(child) && sameElement(el, want) &&
      trieCovers(child, path, i + 1);
  });
}

function sameElement(a: PathElement, b: PathElement): boolean {
  if ("field" in a) return "field" in b && a.field === b.field;
  if ("key" in a) return "key" in b && keyMatches(b.key, a.key);
  if ("value" in a) return "value" in b && deepEqual(a.value, b.value);
  return "index" in b && a.index === b.index;
}

/** The well-formed FieldsV1 entries of `metadata.managedFields`. */
export function managedEntries(obj: KubeObject): ManagedFieldsEntry[] {
  const entries = obj.metadata.managedFields;
  if (!Array.isArray(entries)) return [];
  return entries.filter((e) =>
    isPlainObject(e) && typeof e.manager === "string" && isPlainObject(e.fieldsV1)
  );
}

/** Parses one FieldsV1 trie key; `undefined` for `"."` and for keys that are not well formed. */
export function parseTrieKey(trieKey: string): PathElement | undefined {
  const body = trieKey.slice(2);
  switch (trieKey.slice(0, 2)) {
    case "f:":
      return { field: body };
    case "k:": {
      const key = parseJson(body);
      return isPlainObject(key) ? { key } : undefined;
    }
    case "v:": {
      const value = parseJson(body);
      return value === undefined ? undefined : { value };
    }
    case "i:": {
      const index = Number(body);
      return Number.isInteger(index) && index >= 0 ? { index } : undefined;
    }
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
