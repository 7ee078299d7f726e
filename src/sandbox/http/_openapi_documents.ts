/**
 * The OpenAPI documents the sandbox serves: `/openapi/v2`, the `/openapi/v3` index and one v3
 * document per group version. Built-in kinds carry the vendored Kubernetes schemas (with
 * descriptions, for `kubectl explain` and client-side apply); other kinds open schemas.
 * Documents are cached until the set of served kinds changes.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import type { ResourceRegistry } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";
import { definitionName, pathsOf, schemaOf, type Version } from "./_openapi.ts";
import { definitionClosure, upstreamDefinitionName } from "./_openapi_definitions.ts";

export { loadKubernetesDefinitions } from "./_openapi_definitions.ts";

const INFO = { title: "Kubernetes", version: "v1.32.0" };

function build(
  v: Version,
  types: readonly ResourceType[],
): { paths: JsonObject; schemas: JsonObject } {
  const paths: JsonObject = {};
  const own: JsonObject = {};
  const upstream: string[] = [];
  for (const t of types) {
    Object.assign(paths, pathsOf(v, t));
    const name = t.crd === undefined
      ? upstreamDefinitionName(t.group, t.version, t.kind)
      : undefined;
    if (name === undefined) own[definitionName(t)] = schemaOf(t);
    else upstream.push(name);
  }
  return { paths, schemas: { ...definitionClosure(upstream, v), ...own } };
}

let cacheKey = "";
const cache = new Map<string, JsonObject>();

function cached(registry: ResourceRegistry, key: string, make: () => JsonObject): JsonObject {
  const served = registry.all().map((t) => `${t.group}/${t.version}/${t.plural}/${t.kind}`).join();
  if (served !== cacheKey) {
    cache.clear();
    cacheKey = served;
  }
  let doc = cache.get(key);
  if (doc === undefined) cache.set(key, doc = make());
  return doc;
}

/** `/openapi/v2`: one swagger document for every served kind. */
export function openApiV2(registry: ResourceRegistry): JsonObject {
  return cached(registry, "v2", () => {
    const { paths, schemas } = build("v2", registry.all());
    return { swagger: "2.0", info: INFO, paths, definitions: schemas };
  });
}

/**
 * `/openapi/v2` in protobuf (kubectl's Accept is
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`; the body is octet-stream): a document with `swagger: "2.0"` and no definitions. kubectl reads
 * it only to validate kinds the OpenAPI v3 index does not list yet (a custom resource whose CRD
 * is in the same `kubectl apply -f`); with no definition for the kind, it leaves validation to
 * the server, as it does against a real one for a kind the server does not know yet.
 */
export function openApiV2Protobuf(): Uint8Array {
  const swagger = new TextEncoder().encode("2.0");
  return new Uint8Array([0x0a, swagger.length, ...swagger]); // field 1 (swagger), wire type 2
}

function typesOf(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry.all().filter((t) => t.group === group && t.version === version);
}

/** `/openapi/v3/api/v1` and `/openapi/v3/apis/<g>/<v>`, or `undefined` for an unserved version. */
export function openApiV3(
  registry: ResourceRegistry,
  group: string,
  version: string,
): JsonObject | undefined {
  const types = typesOf(registry, group, version);
  if (types.length === 0) return undefined;
  return cached(registry, `v3:${group}/${version}`, () => {
    const { paths, schemas } = build("v3", types);
    return { openapi: "3.0.0", info: INFO, paths, components: { schemas } };
  });
}

function hashOf(doc: unknown): string {
  return [...sha256(new TextEncoder().encode(JSON.stringify(doc)))]
    .map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
}

/** `/openapi/v3`: the index of group versions with content-hashed URLs. */
export function openApiV3Root(registry: ResourceRegistry): JsonObject {
  return cached(registry, "v3-root", () => {
    const paths: JsonObject = {};
    const versions = new Set(registry.all().map((t) => `${t.group}/${t.version}`));
    for (const gv of versions) {
      const [group = "", version = ""] = gv.split("/");
      const key = group === "" ? `api/${version}` : `apis/${group}/${version}`;
      const hash = hashOf(openApiV3(registry, group, version));
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
    return { paths };
  });
}
