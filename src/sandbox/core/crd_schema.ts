/** Derives server-side-apply list keys from a CRD version's OpenAPI v3 schema markers. */
import { isObject } from "./_json.ts";
import { METADATA_KEYS, METADATA_SETS } from "./_list_keys.ts";

/** The merge markers of one schema: list-map keys and set lists, by dotted path. */
export interface SchemaListKeys {
  /** Dotted list paths merged as maps, with their key fields. */
  listMapKeys: Record<string, readonly string[]>;
  /** Dotted list paths merged as sets. */
  listSets: string[];
}

function walk(schema: unknown, path: readonly string[], out: SchemaListKeys, depth: number): void {
  if (!isObject(schema) || depth > 64) return;
  for (const combinator of ["allOf", "anyOf", "oneOf"]) {
    const alternatives = schema[combinator];
    if (Array.isArray(alternatives)) {
      for (const alt of alternatives) walk(alt, path, out, depth + 1);
    }
  }
  if (schema["type"] === "array" || isObject(schema["items"])) {
    const at = path.join(".");
    const listType = schema["x-kubernetes-list-type"];
    const keys = schema["x-kubernetes-list-map-keys"];
    if (listType === "map" && Array.isArray(keys) && keys.every((k) => typeof k === "string")) {
      out.listMapKeys[at] = keys as string[];
    } else if (listType === "set") {
      out.listSets.push(at);
    }
    walk(schema["items"], path, out, depth + 1);
    return;
  }
  const properties = schema["properties"];
  if (!isObject(properties)) return;
  for (const [name, sub] of Object.entries(properties)) walk(sub, [...path, name], out, depth + 1);
}

/**
 * The list-map keys and set lists a CRD version's `openAPIV3Schema` declares with
 * `x-kubernetes-list-type: map` + `x-kubernetes-list-map-keys` and `x-kubernetes-list-type: set`,
 * plus the ObjectMeta lists every kind has. Lists without markers are atomic.
 *
 * @example
 * ```ts
 * import { listKeysFromSchema } from "./crd_schema.ts";
 * import { deepEqual } from "node:assert/strict";
 * const schema = { type: "object", properties: { spec: { type: "object", properties: {
 *   ports: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port"],
 *     items: { type: "object" } },
 * } } } };
 * deepEqual(listKeysFromSchema(schema).listMapKeys["spec.ports"], ["port"]);
 * ```
 */
export function listKeysFromSchema(schema: unknown): SchemaListKeys {
  const out: SchemaListKeys = { listMapKeys: { ...METADATA_KEYS }, listSets: [...METADATA_SETS] };
  walk(schema, [], out, 0);
  return out;
}
