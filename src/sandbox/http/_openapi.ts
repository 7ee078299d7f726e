/**
 * Minimal OpenAPI documents (v2 and v3): every path and verb of every served kind with its
 * `x-kubernetes-group-version-kind`, and the `fieldValidation` parameter on PATCH, which is
 * what kubectl looks for to validate server-side. Schemas are open objects.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import type { ResourceRegistry } from "../api_types.ts";
import type { JsonObject, ResourceType } from "../types.ts";

type Version = "v2" | "v3";

const WRITE_PARAMS = ["dryRun", "fieldManager", "fieldValidation"];
const PATCH_PARAMS = [...WRITE_PARAMS, "force"];
const LIST_PARAMS = [
  "labelSelector",
  "fieldSelector",
  "limit",
  "continue",
  "resourceVersion",
  "timeoutSeconds",
  "watch",
  "allowWatchBookmarks",
];
const PATCH_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
];

function pascal(s: string): string {
  return s.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
}

/** The definition name kube uses (`io.k8s.api.apps.v1.Deployment`; reversed group for CRDs). */
export function definitionName(t: ResourceType): string {
  if (t.crd !== undefined) return [...t.group.split(".").reverse(), t.version, t.kind].join(".");
  const group = t.group === "" ? "core" : t.group.split(".")[0];
  return `io.k8s.api.${group}.${t.version}.${t.kind}`;
}

function param(v: Version, name: string, location: "path" | "query"): JsonObject {
  const type = name === "limit" || name === "timeoutSeconds"
    ? "integer"
    : name === "watch" || name === "allowWatchBookmarks" || name === "force"
    ? "boolean"
    : "string";
  const base = { name, in: location, ...(location === "path" ? { required: true } : {}) };
  return v === "v2" ? { ...base, type, uniqueItems: true } : { ...base, schema: { type } };
}

function operation(
  v: Version,
  t: ResourceType,
  action: string,
  opId: string,
  params: readonly string[],
  body?: readonly string[],
): JsonObject {
  const ref = v === "v2"
    ? `#/definitions/${definitionName(t)}`
    : `#/components/schemas/${definitionName(t)}`;
  const ok = v === "v2"
    ? { description: "OK", schema: { $ref: ref } }
    : { description: "OK", content: { "application/json": { schema: { $ref: ref } } } };
  const op: JsonObject = {
    operationId: opId,
    parameters: params.map((p) => param(v, p, "query")),
    responses: { "200": ok },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": { group: t.group, version: t.version, kind: t.kind },
  };
  if (body && v === "v3") {
    op.requestBody = {
      content: Object.fromEntries(body.map((m) => [m, { schema: { $ref: ref } }])),
      required: true,
    };
  } else if (body) {
    op.consumes = [...body];
    (op.parameters as JsonObject[]).push({
      name: "body",
      in: "body",
      required: true,
      schema: { $ref: ref },
    });
  }
  return op;
}

function pathsOf(v: Version, t: ResourceType): Record<string, JsonObject> {
  const prefix = t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
  const ns = t.namespaced ? "Namespaced" : "";
  const id = (verb: string, suffix = "") =>
    `${verb}${pascal(t.group || "core")}${pascal(t.version)}${ns}${t.kind}${suffix}`;
  const collection = t.namespaced
    ? `${prefix}/namespaces/{namespace}/${t.plural}`
    : `${prefix}/${t.plural}`;
  const scopeParams = t.namespaced ? [param(v, "namespace", "path")] : [];
  const itemParams = [param(v, "name", "path"), ...scopeParams];
  const json = ["application/json"];
  const item = (suffix: string): JsonObject => ({
    parameters: itemParams,
    get: operation(v, t, "get", id("read", suffix), []),
    put: operation(v, t, "put", id("replace", suffix), WRITE_PARAMS, json),
    patch: operation(v, t, "patch", id("patch", suffix), PATCH_PARAMS, PATCH_TYPES),
  });
  const paths: Record<string, JsonObject> = {
    [collection]: {
      parameters: scopeParams,
      get: operation(v, t, "list", id("list"), LIST_PARAMS),
      post: operation(v, t, "post", id("create"), WRITE_PARAMS, json),
      delete: operation(v, t, "deletecollection", id("deleteCollection"), LIST_PARAMS),
    },
    [`${collection}/{name}`]: {
      ...item(""),
      delete: operation(v, t, "delete", id("delete"), ["dryRun", "propagationPolicy"]),
    },
  };
  if (t.statusSubresource) paths[`${collection}/{name}/status`] = item("Status");
  if (t.namespaced) {
    paths[`${prefix}/${t.plural}`] = {
      get: operation(
        v,
        t,
        "list",
        `list${pascal(t.group || "core")}${t.kind}ForAllNamespaces`,
        LIST_PARAMS,
      ),
    };
  }
  return paths;
}

function schemaOf(t: ResourceType): JsonObject {
  const open = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
  return {
    type: "object",
    description: `${t.kind} (served by the Nopea sandbox)`,
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: open,
      spec: open,
      status: open,
    },
    "x-kubernetes-group-version-kind": [{ group: t.group, kind: t.kind, version: t.version }],
  };
}

function build(
  v: Version,
  types: readonly ResourceType[],
): { paths: JsonObject; schemas: JsonObject } {
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  for (const t of types) {
    Object.assign(paths, pathsOf(v, t));
    schemas[definitionName(t)] = schemaOf(t);
  }
  return { paths, schemas };
}

const INFO = { title: "Kubernetes", version: "v1.32.0" };

/** `/openapi/v2`: one swagger document for every served kind. */
export function openApiV2(registry: ResourceRegistry): JsonObject {
  const { paths, schemas } = build("v2", registry.all());
  return { swagger: "2.0", info: INFO, paths, definitions: schemas };
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

/** `/openapi/v3/api/v1` and `/openapi/v3/apis/<g>/<v>`, or `undefined` for an unserved version. */
export function openApiV3(
  registry: ResourceRegistry,
  group: string,
  version: string,
): JsonObject | undefined {
  const types = registry.all().filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const { paths, schemas } = build("v3", types);
  return { openapi: "3.0.0", info: INFO, paths, components: { schemas } };
}

/** `/openapi/v3`: the index of group versions with content-hashed URLs. */
export function openApiV3Root(registry: ResourceRegistry): JsonObject {
  const paths: JsonObject = {};
  const versions = new Set(registry.all().map((t) => `${t.group}/${t.version}`));
  for (const gv of versions) {
    const [group = "", version = ""] = gv.split("/");
    const key = group === "" ? `api/${version}` : `apis/${group}/${version}`;
    const doc = JSON.stringify(openApiV3(registry, group, version));
    const hash = [...sha256(new TextEncoder().encode(doc))]
      .map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { paths };
}
