/** Field paths as server-side apply spells them, and reading a value at a path. */
import { isPlainObject } from "../manifests/mod.ts";

/**
 * One step of a field path: a map field, a list-map item picked by its key fields, a set item
 * picked by its value, or a list item picked by its index.
 */
export type PathElement =
  | { readonly field: string }
  | { readonly key: Readonly<Record<string, unknown>> }
  | { readonly value: unknown }
  | { readonly index: number };

/** A path from the object root, e.g. `spec`, `template`, `spec`, `containers[name="app"]`, `image`. */
export type FieldPath = readonly PathElement[];

/**
 * Formats a path the way server-side apply conflicts do:
 * `.spec.template.spec.containers[name="app"].image`, `.metadata.finalizers[="x"]`, `.args[0]`.
 *
 * @example
 * ```ts
 * import { formatPath } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(formatPath([{ field: "spec" }, { field: "containers" }, { key: { name: "app" } }, { field: "image" }]),
 *   '.spec.containers[name="app"].image');
 * ```
 */
export function formatPath(path: FieldPath): string {
  if (path.length === 0) return ".";
  return path.map(formatElement).join("");
}

function formatElement(el: PathElement): string {
  if ("field" in el) return `.${el.field}`;
  if ("key" in el) {
    const parts = Object.keys(el.key).sort().map((f) => `${f}=${JSON.stringify(el.key[f])}`);
    return `[${parts.join(",")}]`;
  }
  if ("value" in el) return `[=${JSON.stringify(el.value)}]`;
  return `[${el.index}]`;
}

/**
 * The value at `path` in `obj`, or `undefined` when any step is absent. A list-map item matches a
 * key when every key field both sides have is equal, so `[containerPort=80]` finds the item the
 * server stored as `{containerPort: 80, protocol: "TCP"}`.
 *
 * @example
 * ```ts
 * import { valueAtPath } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const pod = { spec: { containers: [{ name: "app", image: "nginx:1.27" }] } };
 * equal(valueAtPath(pod, [{ field: "spec" }, { field: "containers" }, { key: { name: "app" } }, { field: "image" }]),
 *   "nginx:1.27");
 * ```
 */
export function valueAtPath(obj: unknown, path: FieldPath): unknown {
  let current: unknown = obj;
  for (const el of path) {
    if (current === undefined) return undefined;
    current = step(current, el);
  }
  return current;
}

function step(current: unknown, el: PathElement): unknown {
  if ("field" in el) return isPlainObject(current) ? current[el.field] : undefined;
  if (!Array.isArray(current)) return undefined;
  if ("key" in el) return current.find((item) => keyMatches(item, el.key));
  if ("value" in el) return current.find((item) => deepEqual(item, el.value));
  return current[el.index];
}

/** The map field a path starts with (`data` for `.data.password`), if it starts with one. */
export function topField(path: FieldPath): string | undefined {
  const first = path[0];
  return first !== undefined && "field" in first ? first.field : undefined;
}

/** True when `item` is an object whose key fields agree with `key` on every field both have (at least one). */
export function keyMatches(item: unknown, key: Readonly<Record<string, unknown>>): boolean {
  if (!isPlainObject(item)) return false;
  let common = 0;
  for (const [field, want] of Object.entries(key)) {
    const have = item[field];
    if (have === undefined) continue;
    if (!deepEqual(have, want)) return false;
    common++;
  }
  return common > 0;
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
