/**
 * Turns the errors of an Ajv validator (the built-in kinds' `kubernetes-models` validators and the
 * CRD schema validator) into 422 causes worded as kube-apiserver's OpenAPI validation words them:
 * `spec.replicas: Invalid value: "three": spec.replicas in body must be of type integer: "string"`.
 */
import { type FieldCause, goValue } from "./_status.ts";

/** One error of an Ajv-generated validator. */
export interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

const QUANTITY = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

function segments(instancePath: string): string[] {
  return instancePath.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Kube's field path: `spec.containers[0].name`, `data[a.b]` for keys that are not identifiers. */
function fieldPath(root: unknown, parts: readonly string[]): string {
  let out = "", node = root;
  for (const part of parts) {
    if (Array.isArray(node) && /^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${part}]`;
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return out;
}

function valueAt(root: unknown, parts: readonly string[]): unknown {
  return parts.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], root);
}

/** The OpenAPI type name of a JSON value, as kube prints it. */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function invalid(field: string, value: unknown, detail: string): FieldCause {
  return {
    reason: "FieldValueInvalid",
    field,
    message: `Invalid value: ${goValue(value)}: ${detail}`,
  };
}

function describe(field: string, value: unknown, errors: readonly SchemaError[]): FieldCause {
  const by = (k: string) => errors.find((e) => e.keyword === k);
  const p = (k: string, name: string) => by(k)?.params[name];
  if (p("format", "format") === "quantity") {
    return invalid(field, value, `quantities must match the regular expression '${QUANTITY}'`);
  }
  const types = errors.filter((e) => e.keyword === "type").map((e) => String(e.params["type"]));
  if (types.length > 0) {
    const wanted = [...new Set(types)].join(" or ");
    return invalid(
      field,
      value,
      `${field} in body must be of type ${wanted}: "${typeName(value)}"`,
    );
  }
  const allowed = p("enum", "allowedValues");
  if (Array.isArray(allowed)) {
    const list = allowed.map((v) => goValue(v)).join(", ");
    return {
      reason: "FieldValueNotSupported",
      field,
      message: `Unsupported value: ${goValue(value)}: supported values: ${list}`,
    };
  }
  if (by("maxLength")) {
    const limit = p("maxLength", "limit");
    return {
      reason: "FieldValueTooLong",
      field,
      message: `Too long: may not be more than ${limit} bytes`,
    };
  }
  const [first] = errors;
  return invalid(field, value, detailOf(field, first!));
}

function detailOf(field: string, e: SchemaError): string {
  const limit = e.params["limit"];
  switch (e.keyword) {
    case "format":
      return `${field} in body must be of type ${e.params["format"]}: ${
        goValue(e.params["format"])
      }`;
    case "minimum":
      return `${field} in body should be greater than or equal to ${limit}`;
    case "maximum":
      return `${field} in body should be less than or equal to ${limit}`;
    case "exclusiveMinimum":
      return `${field} in body should be greater than ${limit}`;
    case "exclusiveMaximum":
      return `${field} in body should be less than ${limit}`;
    case "minLength":
      return `${field} in body should be at least ${limit} chars long`;
    case "pattern":
      return `${field} in body should match '${e.params["pattern"]}'`;
    case "minItems":
      return `${field} in body should have at least ${limit} items`;
    case "maxItems":
      return `must have at most ${limit} items`;
    case "minProperties":
      return `${field} in body should have at least ${limit} properties`;
    case "maxProperties":
      return `${field} in body should have at most ${limit} properties`;
    case "multipleOf":
      return `${field} in body should be a multiple of ${e.params["multipleOf"]}`;
    case "uniqueItems":
      return `${field} in body shouldn't contain duplicates`;
    default:
      return `${field} in body ${e.message ?? `fails ${e.keyword}`}`;
  }
}

/**
 * One cause per field that breaks the schema (`required` names the missing field). Errors on
 * `null` values are dropped, as the server reads `null` as "not set"; `oneOf`/`anyOf` summaries
 * are dropped when the same field has a more precise error.
 */
export function schemaCauses(root: unknown, errors: readonly SchemaError[]): FieldCause[] {
  const byField = new Map<string, { parts: string[]; errors: SchemaError[] }>();
  for (const error of errors) {
    const parts = segments(error.instancePath);
    const missing = error.keyword === "required" ? error.params["missingProperty"] : undefined;
    if (typeof missing === "string") parts.push(missing);
    else if (valueAt(root, parts) === null) continue;
    const key = parts.join("\u0000");
    const entry = byField.get(key) ?? { parts, errors: [] };
    entry.errors.push(error);
    byField.set(key, entry);
  }
  const causes: FieldCause[] = [];
  for (const { parts, errors } of byField.values()) {
    const field = fieldPath(root, parts);
    if (errors.some((e) => e.keyword === "required")) {
      causes.push({ reason: "FieldValueRequired", field, message: "Required value" });
      continue;
    }
    const precise = errors.filter((e) =>
      !["oneOf", "anyOf", "allOf", "not", "if"].includes(e.keyword)
    );
    if (precise.length === 0) {
      const value = valueAt(root, parts);
      causes.push(invalid(field, value, `${field} in body must match exactly one schema`));
    } else causes.push(describe(field, valueAt(root, parts), precise));
  }
  return causes;
}
