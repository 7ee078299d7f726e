/**
 * OpenAPI paths (v2, v3): every path and verb of every kind with its GVK and `fieldValidation` on
 * PATCH (kubectl looks for it to validate server-side); open schemas of unvendored kinds.
 */
import type { JsonObject, ResourceType } from "../types.ts";
import { upstreamDefinitionName } from "./_openapi_definitions.ts";

/** Which OpenAPI document a piece is for. */
export type Version = "v2" | "v3";

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
  const upstream = upstreamDefinitionName(t.group, t.version, t.kind);
  if (upstream !== undefined) return upstream;
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

/** Every path of one kind, with its operations. */
export function pathsOf(v: Version, t: ResourceType): Record<string, JsonObject> {
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

/** The open schema of a kind with no vendored definition. */
export function schemaOf(t: ResourceType): JsonObject {
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
