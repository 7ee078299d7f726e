/** Query strings as operation input: numbers and booleans converted where the schema wants them. */
import { z } from "zod";
import type { AnyOperation } from "../surface/mod.ts";

function baseType(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s.removeDefault();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

function coerce(schema: z.ZodTypeAny | undefined, value: string): unknown {
  if (schema instanceof z.ZodNumber && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (schema instanceof z.ZodBoolean && (value === "true" || value === "false")) {
    return value === "true";
  }
  return value;
}

/**
 * Reads query parameters as input fields, converting numbers and booleans where the schema
 * wants them; values that do not convert are passed on for the schema to reject.
 */
export function queryInput(
  op: AnyOperation,
  query: Readonly<Record<string, readonly string[]>>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(query)) {
    const field = op.input[name];
    const base = field ? baseType(field) : undefined;
    if (base instanceof z.ZodArray) {
      input[name] = values.map((v) => coerce(baseType(base.element), v));
    } else {
      input[name] = values.length === 1 ? coerce(base, values[0] ?? "") : [...values];
    }
  }
  return input;
}
