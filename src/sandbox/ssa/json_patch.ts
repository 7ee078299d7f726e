/** jsonPatch: JSON patch (RFC 6902), `application/json-patch+json`. */
import type { JsonObject } from "../types.ts";
import { cloneJson, isObject, jsonEqual, setKey, typeName } from "./_json.ts";
import { PatchError } from "./patch_error.ts";

type Fail = (reason: string) => never;
type Container = JsonObject | unknown[];

const INDEX = /^(0|[1-9][0-9]*)$/;

/** Parses a JSON pointer; the document sits under a virtual "root" member so `""` works too. */
function tokensOf(pointer: unknown, name: string, fail: Fail): string[] {
  if (typeof pointer !== "string") return fail(`"${name}" must be a string`);
  if (pointer !== "" && !pointer.startsWith("/")) return fail(`"${name}" must start with "/"`);
  const parts = pointer === "" ? [] : pointer.slice(1).split("/");
  return ["root", ...parts.map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))];
}

function indexOf(token: string, max: number, fail: Fail): number {
  const index = INDEX.test(token) ? Number(token) : -1;
  if (index < 0 || index > max) return fail(`index "${token}" is out of bounds`);
  return index;
}

function parentOf(doc: JsonObject, tokens: readonly string[], fail: Fail): [Container, string] {
  let current: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(current)) {
      current = current[indexOf(token, current.length - 1, fail)];
    } else if (isObject(current) && Object.hasOwn(current, token)) current = current[token];
    else return fail("the path does not exist");
  }
  if (!Array.isArray(current) && !isObject(current)) return fail("the parent is not a container");
  return [current, tokens[tokens.length - 1] ?? ""];
}

function get(doc: JsonObject, tokens: readonly string[], fail: Fail): unknown {
  const [parent, token] = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) return parent[indexOf(token, parent.length - 1, fail)];
  if (!Object.hasOwn(parent, token)) return fail("the path does not exist");
  return parent[token];
}

function add(doc: JsonObject, tokens: readonly string[], value: unknown, fail: Fail): void {
  const [parent, token] = parentOf(doc, tokens, fail);
  if (!Array.isArray(parent)) setKey(parent, token, value);
  else if (token === "-") parent.push(value);
  else parent.splice(indexOf(token, parent.length, fail), 0, value);
}

function remove(doc: JsonObject, tokens: readonly string[], fail: Fail): unknown {
  if (tokens.length === 1) return fail("the whole document cannot be removed");
  const value = get(doc, tokens, fail);
  const [parent, token] = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) parent.splice(Number(token), 1);
  else delete parent[token];
  return value;
}

function replace(doc: JsonObject, tokens: readonly string[], value: unknown, fail: Fail): void {
  get(doc, tokens, fail);
  const [parent, token] = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) parent[Number(token)] = value;
  else setKey(parent, token, value);
}

function valueOf(op: JsonObject, fail: Fail): unknown {
  if (!Object.hasOwn(op, "value")) return fail(`"value" is missing`);
  return cloneJson(op["value"]);
}

function applyOne(doc: JsonObject, op: JsonObject, fail: Fail): void {
  const path = tokensOf(op["path"], "path", fail);
  const from = (): string[] => tokensOf(op["from"], "from", fail);
  switch (op["op"]) {
    case "add":
      return add(doc, path, valueOf(op, fail), fail);
    case "remove":
      remove(doc, path, fail);
      return;
    case "replace":
      return replace(doc, path, valueOf(op, fail), fail);
    case "move": {
      const source = from();
      const inside = path.length > source.length && source.every((t, i) => path[i] === t);
      if (inside) return fail(`"from" ${JSON.stringify(op["from"])} contains the target path`);
      return add(doc, path, remove(doc, source, fail), fail);
    }
    case "copy":
      return add(doc, path, cloneJson(get(doc, from(), fail)), fail);
    case "test":
      if (!jsonEqual(get(doc, path, fail), op["value"])) {
        fail("the value differs from the test value");
      }
      return;
    default:
      return fail("unknown operation (expected add, remove, replace, move, copy or test)");
  }
}

/**
 * Applies a JSON patch (RFC 6902): `add`, `remove`, `replace`, `move`, `copy` and `test`, with
 * `~0`/`~1` escapes and `-` to append to an array. All operations apply, or none: the input is
 * not modified.
 *
 * @param target The object to patch.
 * @param operations The JSON patch: an array of operation objects.
 * @returns The patched copy.
 * @throws {PatchError} When the patch is malformed, a path does not exist, or a `test` fails;
 * the message names the operation (1-based), its kind and its path.
 *
 * @example
 * ```ts
 * import { jsonPatch } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const patched = jsonPatch({ spec: { replicas: 1, args: ["a"] } }, [
 *   { op: "test", path: "/spec/replicas", value: 1 },
 *   { op: "replace", path: "/spec/replicas", value: 3 },
 *   { op: "add", path: "/spec/args/-", value: "b" },
 * ]);
 * deepEqual(patched, { spec: { replicas: 3, args: ["a", "b"] } });
 * ```
 */
export function jsonPatch(target: JsonObject, operations: unknown): JsonObject {
  if (!Array.isArray(operations)) {
    throw new PatchError(
      `Cannot apply JSON patch: the patch must be an array of operations, not ${
        typeName(operations)
      }`,
    );
  }
  const doc: JsonObject = { root: cloneJson(target) };
  for (const [i, op] of operations.entries()) {
    if (!isObject(op)) {
      throw new PatchError(
        `Cannot apply JSON patch: operation ${i + 1} is ${typeName(op)}, not an object`,
      );
    }
    const where = `Cannot apply JSON patch operation ${i + 1} (${JSON.stringify(op["op"])} at ${
      JSON.stringify(op["path"])
    })`;
    applyOne(doc, op, (reason) => {
      throw new PatchError(`${where}: ${reason}`);
    });
  }
  const result = doc["root"];
  if (!isObject(result)) {
    throw new PatchError(
      `Cannot apply JSON patch: the result is ${typeName(result)}, not an object`,
    );
  }
  return result;
}
