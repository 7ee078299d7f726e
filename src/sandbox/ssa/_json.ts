/** JSON helpers of the SSA engine: narrowing, equality, deep copy and safe key assignment. */

export { cloneJson, isObject, jsonEqual, setKey } from "../_json.ts";

/** A short description of a JSON value's type for error messages. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
