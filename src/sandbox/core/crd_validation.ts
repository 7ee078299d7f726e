/**
 * Custom resources as kube-apiserver treats them: unknown fields pruned (unless
 * `x-kubernetes-preserve-unknown-fields`), `default`s applied, then the object checked against its
 * CRD version's structural schema with Ajv; causes are worded as the server words them.
 */
import { Ajv, type ValidateFunction } from "ajv";
import type { JsonObject, ResourceType } from "../types.ts";
import { isObject } from "./_json.ts";
import { schemaCauses, type SchemaError } from "./_schema_causes.ts";
import type { FieldCause } from "./_status.ts";

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  useDefaults: true,
  validateFormats: false,
  logger: false,
});
const compiled = new WeakMap<object, ValidateFunction | undefined>();
const ROOT_KEPT = new Set(["apiVersion", "kind", "metadata"]);

/** Rewrites kube's OpenAPI extensions into JSON Schema Ajv checks (int-or-string). */
function toJsonSchema(schema: unknown, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, depth + 1));
  if (!isObject(schema) || depth > 128) return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === "default" || k === "enum" || k === "example" ? v : toJsonSchema(v, depth + 1);
  }
  if (schema["x-kubernetes-int-or-string"] === true) {
    delete out["type"];
    out["anyOf"] = [{ type: "integer" }, { type: "string" }];
  }
  return out;
}

/** Drops the fields the schema does not declare (kube's pruning of structural schemas). */
export function pruneUnknown(value: unknown, schema: unknown, root = false, depth = 0): void {
  if (!isObject(schema) || depth > 128) return;
  if (Array.isArray(value)) {
    for (const item of value) pruneUnknown(item, schema["items"], false, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(schema["properties"]) ? schema["properties"] : undefined;
  const additional = schema["additionalProperties"];
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = schema["x-kubernetes-embedded-resource"] === true;
  for (const key of Object.keys(value)) {
    if ((root || embedded) && ROOT_KEPT.has(key)) continue;
    const sub = properties?.[key] ?? (isObject(additional) ? additional : undefined);
    if (sub !== undefined) pruneUnknown(value[key], sub, false, depth + 1);
    else if (!preserve && additional !== true) delete value[key];
  }
}

function validatorOf(type: ResourceType): ValidateFunction | undefined {
  const schema = type.openApiSchema;
  if (!schema) return undefined;
  if (compiled.has(schema)) return compiled.get(schema);
  let validate: ValidateFunction | undefined;
  try {
    const root = toJsonSchema(schema) as JsonObject;
    const properties = isObject(root["properties"]) ? { ...root["properties"] } : undefined;
    if (properties) delete properties["metadata"]; // ObjectMeta is checked by the server itself
    validate = ajv.compile(properties ? { ...root, properties } : root);
  } catch {
    validate = undefined; // a schema Ajv cannot compile leaves the objects unchecked
  }
  compiled.set(schema, validate);
  return validate;
}

/**
 * Prunes, defaults (in place) and validates a custom resource against its CRD version's
 * `openAPIV3Schema`; returns the 422 causes (none for builtins and schema-less CRDs).
 */
export function customResourceCauses(type: ResourceType, obj: JsonObject): FieldCause[] {
  const schema = type.openApiSchema;
  if (type.crd === undefined || !schema) return [];
  pruneUnknown(obj, schema, true);
  const validate = validatorOf(type);
  if (!validate || validate(obj)) return [];
  return schemaCauses(obj, (validate.errors ?? []) as SchemaError[]);
}
