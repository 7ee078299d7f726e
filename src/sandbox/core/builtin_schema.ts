/**
 * Schema validation of built-in kinds against the Kubernetes OpenAPI schemas of
 * `kubernetes-models`. A kind's validator is loaded once per process, and only when that kind is
 * first written ({@linkcode prepareBuiltinSchema}, awaited by both doors before a write); the
 * check itself is synchronous and skips kinds whose validator is not loaded.
 */
import process from "node:process";
import type { ResourceType } from "../types.ts";
import { loadSchemaModule, SCHEMA_KINDS } from "../../manifests/mod.ts";
import { schemaCauses, type SchemaError } from "./_schema_causes.ts";
import type { FieldCause } from "./_status.ts";

type Validate = (value: unknown) => readonly SchemaError[];
type ModelClass = new (data: unknown) => { validate(): void };

/** `process.noDeprecation` is Node's switch for deprecation warnings; Deno honours it. */
const node = process as { noDeprecation?: boolean | undefined };
const loading = new Map<string, Promise<void>>();
const validators = new Map<string, Validate>();

function keyOf(type: Pick<ResourceType, "group" | "version" | "kind">): string {
  return `${type.group ? `${type.group}/` : ""}${type.version}/${type.kind}`;
}

async function load(key: string): Promise<void> {
  const kind = key.slice(key.lastIndexOf("/") + 1);
  const quiet = node.noDeprecation;
  // The validators' format checks require node:punycode, which prints a deprecation warning.
  node.noDeprecation = true;
  try {
    const Model = (await loadSchemaModule(key))[kind] as ModelClass | undefined;
    if (typeof Model !== "function") return;
    validators.set(key, (value) => {
      try {
        new Model(value).validate();
        return [];
      } catch (e) {
        const errors = (e as { errors?: unknown }).errors;
        return Array.isArray(errors) ? errors : [];
      }
    });
  } catch {
    // A kind whose module cannot be loaded is written unchecked, as before.
  } finally {
    node.noDeprecation = quiet;
  }
}

/**
 * Loads the schema validator of a built-in kind (once; later calls resolve at once). Kinds of
 * CRDs and kinds without a schema in `kubernetes-models` resolve without loading anything.
 */
export function prepareBuiltinSchema(
  type: Pick<ResourceType, "group" | "version" | "kind" | "crd">,
): Promise<void> {
  if (type.crd !== undefined) return Promise.resolve();
  const key = keyOf(type);
  if (!SCHEMA_KINDS.has(key)) return Promise.resolve();
  let pending = loading.get(key);
  if (!pending) loading.set(key, pending = load(key));
  return pending;
}

/** The 422 causes of a built-in object that breaks its kind's schema (none when not loaded). */
export function builtinSchemaCauses(type: ResourceType, obj: unknown): FieldCause[] {
  if (type.crd !== undefined) return [];
  const validate = validators.get(keyOf(type));
  if (!validate) return [];
  const errors = validate(obj);
  return errors.length === 0 ? [] : schemaCauses(obj, errors);
}
