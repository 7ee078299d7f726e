// Schema checks of built-in kinds against the Kubernetes OpenAPI schemas of `kubernetes-models`:
// each kind's validator is loaded once, and only when a manifest set holds that kind.
import process from "node:process";
import type { Problem } from "./_problem.ts";
import type { ManifestLocation } from "./manifest_error.ts";
import { type SchemaError, schemaProblems } from "./_schema_errors.ts";
import { loadSchemaModule, SCHEMA_KINDS } from "./schema_kinds.ts";

/**
 * Checks one object against the schema of its kind; kinds without a schema pass. `location` is
 * where the object was written (a check may spare texts it knows to be valid).
 */
export type SchemaCheck = (obj: Record<string, unknown>, location?: ManifestLocation) => Problem[];

type Validate = (value: unknown) => readonly SchemaError[];
type ModelClass = new (data: unknown) => { validate(): void };

/** `process.noDeprecation` is Node's switch for deprecation warnings; Deno honours it. */
const node = process as { noDeprecation?: boolean | undefined };
const loaded = new Map<string, Promise<Validate | string>>();

/** The validator of `key` (`apps/v1/Deployment`), or why it could not be loaded. */
async function load(key: string): Promise<Validate | string> {
  const kind = key.slice(key.lastIndexOf("/") + 1);
  try {
    const Model = (await loadSchemaModule(key))[kind] as ModelClass | undefined;
    if (typeof Model !== "function") return "the module has no model";
    return (value) => {
      try {
        new Model(value).validate();
        return [];
      } catch (e) {
        const errors = (e as { errors?: unknown }).errors;
        return Array.isArray(errors) ? errors : [];
      }
    };
  } catch (e) {
    return e instanceof Error ? e.message.split("\n")[0]! : String(e);
  }
}

/** The schema check for the kinds in `keys` (`apiVersion/Kind`), and why any was skipped. */
export async function loadSchemaCheck(
  keys: Iterable<string>,
): Promise<{ check: SchemaCheck; skipped: Map<string, string> }> {
  const wanted = [...new Set(keys)].filter((key) => SCHEMA_KINDS.has(key)).sort();
  const quiet = node.noDeprecation;
  // The validators' format checks require node:punycode, which prints a deprecation warning.
  node.noDeprecation = true;
  let found: (Validate | string)[];
  try {
    for (const key of wanted) if (!loaded.has(key)) loaded.set(key, load(key));
    found = await Promise.all(wanted.map((key) => loaded.get(key)!));
  } finally {
    node.noDeprecation = quiet;
  }
  const validators = new Map<string, Validate>();
  const skipped = new Map<string, string>();
  found.forEach((validate, i) => {
    if (typeof validate === "function") validators.set(wanted[i]!, validate);
    else skipped.set(wanted[i]!, validate);
  });
  const check: SchemaCheck = (obj) => {
    const validate = validators.get(`${obj["apiVersion"]}/${obj["kind"]}`);
    return validate === undefined ? [] : schemaProblems(obj, validate(obj));
  };
  return { check, skipped };
}
