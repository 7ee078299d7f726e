/** strategicMergePatch: kube's strategic merge patch, with list keys taken from the schema. */
import type { JsonObject } from "../types.ts";
import { cloneJson, isObject, jsonEqual, setKey, typeName } from "./_json.ts";
import { type Compiled, compileSchema, KEY_DEFAULTS, type ListKind } from "./_schema.ts";
import type { FieldSchema } from "./field_set.ts";
import { PatchError } from "./patch_error.ts";

const PATCH = "$patch";
const RETAIN = "$retainKeys";
const ORDER = "$setElementOrder/";
const DELETE_FROM = "$deleteFromPrimitiveList/";

function isDirective(key: string): boolean {
  return key === PATCH || key === RETAIN || key.startsWith(ORDER) || key.startsWith(DELETE_FROM);
}

function fail(at: string, reason: string): never {
  throw new PatchError(
    `Cannot apply strategic merge patch at "${at === "" ? "." : at}": ${reason}`,
  );
}

/** A copy without directives (the content of a `$patch: replace`). */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => !(isObject(v) && Object.hasOwn(v, PATCH))).map(clean);
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!isDirective(k)) setKey(out, k, clean(v));
  return out;
}

/** Whether `item` has the key values `patch` names (missing `protocol` counts as "TCP"). */
function keysMatch(item: unknown, patch: JsonObject, keys: readonly string[]): boolean {
  if (!isObject(item)) return false;
  let compared = false;
  for (const key of keys) {
    const want = patch[key];
    if (want === undefined || want === null) continue;
    if (!jsonEqual(item[key] ?? KEY_DEFAULTS[key], want)) return false;
    compared = true;
  }
  return compared;
}

function reorder(list: readonly unknown[], order: readonly unknown[], kind: ListKind): unknown[] {
  const rest = [...list];
  const out: unknown[] = [];
  for (const o of order) {
    const i = rest.findIndex((x) =>
      kind.type === "map" && isObject(o) ? keysMatch(x, o, kind.keys) : jsonEqual(x, o)
    );
    if (i >= 0) out.push(...rest.splice(i, 1));
  }
  return [...out, ...rest];
}

function patchMapList(
  base: unknown[],
  items: readonly unknown[],
  keys: readonly string[],
  at: string,
  schema: Compiled,
): unknown[] {
  let out = base.map(cloneJson);
  for (const item of items) {
    if (!isObject(item)) return fail(at, `list item is ${typeName(item)}, not an object`);
    if (!keys.some((k) => item[k] !== undefined && item[k] !== null)) {
      return fail(
        at,
        `list item has none of the merge keys ${keys.map((k) => `"${k}"`).join(", ")}`,
      );
    }
    if (item[PATCH] === "delete") {
      out = out.filter((x) => !keysMatch(x, item, keys));
      continue;
    }
    const index = out.findIndex((x) => keysMatch(x, item, keys));
    if (index >= 0) out[index] = patchObject(out[index], item, at, schema);
    else out.push(patchObject(undefined, item, at, schema));
  }
  return out;
}

function patchList(current: unknown, items: unknown[], at: string, schema: Compiled): unknown[] {
  const kind = schema.list(at);
  const base = Array.isArray(current) ? current : [];
  const replaceAll = items.some((i) => isObject(i) && i[PATCH] === "replace");
  if (kind.type === "atomic" || replaceAll) return clean(items) as unknown[];
  if (kind.type === "map") return patchMapList(base, items, kind.keys, at, schema);
  const out = base.map(cloneJson);
  for (const item of items) if (!out.some((x) => jsonEqual(x, item))) out.push(cloneJson(item));
  return out;
}

function applyMember(
  out: JsonObject,
  key: string,
  current: unknown,
  value: unknown,
  at: string,
  schema: Compiled,
): void {
  if (isDirective(key) || value === null || value === undefined) return;
  const fieldAt = at === "" ? key : `${at}.${key}`;
  if (isObject(value)) {
    if (value[PATCH] !== "delete") setKey(out, key, patchObject(current, value, fieldAt, schema));
  } else if (Array.isArray(value)) {
    setKey(out, key, patchList(current, value, fieldAt, schema));
  } else {
    setKey(out, key, value);
  }
}

function stringList(value: unknown, key: string, at: string): unknown[] {
  if (!Array.isArray(value)) return fail(at, `${key} must be a list, not ${typeName(value)}`);
  return value;
}

function applyDirectives(out: JsonObject, patch: JsonObject, at: string, schema: Compiled): void {
  for (const [key, value] of Object.entries(patch)) {
    const field = key.slice(key.indexOf("/") + 1);
    const list = out[field];
    if (key.startsWith(DELETE_FROM)) {
      const drop = stringList(value, key, at);
      if (Array.isArray(list)) {
        setKey(
          out,
          field,
          list.filter((x) => !drop.some((d) => jsonEqual(d, x))),
        );
      }
    } else if (key.startsWith(ORDER)) {
      const order = stringList(value, key, at);
      const kind = schema.list(at === "" ? field : `${at}.${field}`);
      if (Array.isArray(list)) setKey(out, field, reorder(list, order, kind));
    }
  }
  if (patch[RETAIN] === undefined) return;
  const retain = stringList(patch[RETAIN], RETAIN, at);
  for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
}

function patchObject(target: unknown, patch: JsonObject, at: string, schema: Compiled): JsonObject {
  const directive = patch[PATCH];
  if (directive === "replace") return clean(patch) as JsonObject;
  if (directive !== undefined && directive !== "merge" && directive !== "delete") {
    return fail(at, `unknown $patch directive ${JSON.stringify(directive)}`);
  }
  const base = isObject(target) ? target : {};
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(base)) {
    if (Object.hasOwn(patch, key)) applyMember(out, key, value, patch[key], at, schema);
    else setKey(out, key, cloneJson(value));
  }
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(base, key)) applyMember(out, key, undefined, value, at, schema);
  }
  applyDirectives(out, patch, at, schema);
  return out;
}

/**
 * Applies a strategic merge patch (`application/strategic-merge-patch+json`): like a merge
 * patch, but lists at `listMapKeys` paths merge item by item on their keys and `listSets` lists
 * merge as sets. Directives: `$patch: delete` (a list item or a map), `$patch: replace` (a map,
 * or as a list item: the whole list), `$retainKeys`, `$setElementOrder/<field>` and
 * `$deleteFromPrimitiveList/<field>`; none of them end up in the result.
 *
 * @param target The object to patch.
 * @param patch The strategic merge patch; a JSON object.
 * @param schema Which lists merge by key or as sets; other lists are replaced.
 * @returns The patched copy.
 * @throws {PatchError} When the patch is not an object, a keyed list item lacks its keys, or a
 * directive is unknown or malformed.
 *
 * @example Change one container's image, keep the other container
 * ```ts
 * import { strategicMergePatch } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const schema = { listMapKeys: { "spec.containers": ["name"] }, listSets: [], statusSubresource: false };
 * const pod = { spec: { containers: [{ name: "app", image: "a:1" }, { name: "sidecar", image: "s:1" }] } };
 * const patched = strategicMergePatch(pod, { spec: { containers: [{ name: "app", image: "a:2" }] } }, schema);
 * deepEqual(patched, { spec: { containers: [{ name: "app", image: "a:2" }, { name: "sidecar", image: "s:1" }] } });
 * ```
 */
export function strategicMergePatch(
  target: JsonObject,
  patch: unknown,
  schema: FieldSchema,
): JsonObject {
  if (!isObject(patch)) {
    throw new PatchError(
      `Cannot apply strategic merge patch: the patch must be a JSON object, not ${typeName(patch)}`,
    );
  }
  if (patch[PATCH] === "delete") return fail("", "the whole object cannot be deleted");
  return patchObject(target, patch, "", compileSchema(schema));
}
