/**
 * The upstream Kubernetes OpenAPI definitions (vendored in `vendor/kubernetes/`, with their
 * descriptions and patch metadata), loaded once on the first OpenAPI request: a kind's schema
 * and everything it references, for `/openapi/v2` and `/openapi/v3`.
 */
import type { JsonObject } from "../types.ts";

type Definitions = Readonly<Record<string, JsonObject>>;

const V2_REF = "#/definitions/";
const V3_REF = "#/components/schemas/";

let definitions: Definitions | undefined;
let byKind: ReadonlyMap<string, string> = new Map();
let loading: Promise<void> | undefined;

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

function index(defs: Definitions): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, schema] of Object.entries(defs)) {
    const gvks = schema["x-kubernetes-group-version-kind"];
    if (!Array.isArray(gvks) || gvks.length !== 1) continue; // shared kinds (Status, WatchEvent)
    const gvk = gvks[0] as { group: string; version: string; kind: string };
    map.set(gvkKey(gvk.group, gvk.version, gvk.kind), name);
  }
  return map;
}

/** Loads the vendored definitions (once; later calls share the first load). */
export function loadKubernetesDefinitions(): Promise<void> {
  loading ??= import("./vendor/kubernetes/definitions.json", { with: { type: "json" } })
    .then((module) => {
      definitions = module.default as unknown as Definitions;
      byKind = index(definitions);
    });
  return loading;
}

/** The upstream definition name of a kind (`io.k8s.api.apps.v1.Deployment`), when loaded. */
export function upstreamDefinitionName(
  group: string,
  version: string,
  kind: string,
): string | undefined {
  return byKind.get(gvkKey(group, version, kind));
}

function refsOf(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) refsOf(item, out);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith(V2_REF)) {
        out.push(child.slice(V2_REF.length));
      } else refsOf(child, out);
    }
  }
}

/**
 * The named definitions and every definition they reference, transitively; for OpenAPI v3 the
 * references are rewritten to `#/components/schemas/`.
 */
export function definitionClosure(
  names: readonly string[],
  version: "v2" | "v3",
): Record<string, JsonObject> {
  const defs = definitions ?? {};
  const out: Record<string, JsonObject> = {};
  const queue = [...names];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const schema = defs[name];
    if (schema === undefined || out[name] !== undefined) continue;
    out[name] = schema;
    refsOf(schema, queue);
  }
  if (version === "v2") return out;
  return JSON.parse(JSON.stringify(out).replaceAll(`"${V2_REF}`, `"${V3_REF}`));
}
