/** mergePatch: JSON merge patch (RFC 7386), `application/merge-patch+json`. */
import type { JsonObject } from "../types.ts";
import { cloneJson, isObject, setKey, typeName } from "./_json.ts";
import { PatchError } from "./patch_error.ts";

function mergeInto(target: unknown, patch: JsonObject): JsonObject {
  const base = isObject(target) ? target : {};
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(base)) {
    if (!Object.hasOwn(patch, key)) setKey(out, key, cloneJson(value));
    else applyMember(out, key, value, patch[key]);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(base, key)) applyMember(out, key, undefined, value);
  }
  return out;
}

function applyMember(out: JsonObject, key: string, current: unknown, value: unknown): void {
  if (value === null || value === undefined) return;
  setKey(out, key, isObject(value) ? mergeInto(current, value) : cloneJson(value));
}

/**
 * Applies a JSON merge patch (RFC 7386): objects merge recursively, `null` removes a member,
 * anything else (arrays included) replaces. Inputs are not modified.
 *
 * @param target The object to patch.
 * @param patch The merge patch; it must be a JSON object.
 * @returns The patched copy.
 * @throws {PatchError} When the patch is not a JSON object.
 *
 * @example
 * ```ts
 * import { mergePatch } from "./mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * const patched = mergePatch({ a: "b", c: { d: "e", f: "g" } }, { a: "z", c: { f: null } });
 * deepEqual(patched, { a: "z", c: { d: "e" } });
 * ```
 */
export function mergePatch(target: JsonObject, patch: unknown): JsonObject {
  if (!isObject(patch)) {
    throw new PatchError(
      `Cannot apply merge patch: the patch must be a JSON object, not ${typeName(patch)}`,
    );
  }
  return mergeInto(target, patch);
}
