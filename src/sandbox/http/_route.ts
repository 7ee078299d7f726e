/** Maps a request path to what it addresses: discovery, OpenAPI, admin, or a resource scope. */
import type { RequestScope, ResourceRegistry } from "../api_types.ts";
import type { ResourceType } from "../types.ts";
import { type RefusalRoute, refusalRoute } from "./_refusals.ts";
import { type TokenRequestRoute, tokenRequestRoute } from "./_token_request.ts";

/** A resource path resolved against the registry. */
export interface ResourceRoute {
  kind: "resource";
  scope: RequestScope;
  type: ResourceType;
  /** True for collection paths (list, watch, create, deletecollection). */
  collection: boolean;
  /** True for the legacy `/watch/` path prefix. */
  watchPath: boolean;
}

/** What a path addresses. */
export type Route =
  | { kind: "health" }
  | { kind: "version" }
  | { kind: "api" }
  | { kind: "apis" }
  | { kind: "group"; group: string }
  | { kind: "resources"; group: string; version: string }
  | { kind: "openapi-v2" }
  | { kind: "openapi-v3" }
  | { kind: "openapi-v3-gv"; group: string; version: string }
  | { kind: "faults" }
  | ResourceRoute
  | RefusalRoute
  | TokenRequestRoute
  | { kind: "not-found" };

const HEALTH = new Set(["/healthz", "/livez", "/readyz"]);
const NOT_FOUND: Route = { kind: "not-found" };
const NAMESPACE_SUBS = new Set(["status", "finalize"]);

/** Resolves a URL path (already split off its query) to a {@linkcode Route}. */
export function parseRoute(pathname: string, registry: ResourceRegistry): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (HEALTH.has(path)) return { kind: "health" };
  if (path === "/version") return { kind: "version" };
  if (path === "/sandbox/faults") return { kind: "faults" };
  if (path === "/openapi/v2") return { kind: "openapi-v2" };
  if (path === "/openapi/v3") return { kind: "openapi-v3" };
  const parts = path.split("/").slice(1).map(decodeSegment);
  if (parts[0] === "openapi" && parts[1] === "v3") return openApiRoute(parts.slice(2));
  const token = parts.length === 7 ? tokenRequestRoute(parts) : undefined;
  if (token) return token;
  const refusal = parts.length >= 4 ? refusalRoute(parts) : undefined;
  if (refusal) return refusal;
  if (parts[0] === "api") {
    if (parts.length === 1) return { kind: "api" };
    if (parts[1] !== "v1") return NOT_FOUND;
    if (parts.length === 2) return { kind: "resources", group: "", version: "v1" };
    return resourceRoute(registry, "", "v1", parts.slice(2));
  }
  if (parts[0] === "apis") {
    const [, group, version] = parts;
    if (group === undefined) return { kind: "apis" };
    if (version === undefined) {
      return registry.groups().some((g) => g.group === group)
        ? { kind: "group", group }
        : NOT_FOUND;
    }
    if (parts.length === 3) {
      return registry.all().some((t) => t.group === group && t.version === version)
        ? { kind: "resources", group, version }
        : NOT_FOUND;
    }
    return resourceRoute(registry, group, version, parts.slice(3));
  }
  return NOT_FOUND;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function openApiRoute(rest: string[]): Route {
  if (rest[0] === "api" && rest[1] !== undefined && rest.length === 2) {
    return { kind: "openapi-v3-gv", group: "", version: rest[1] };
  }
  if (rest[0] === "apis" && rest[1] !== undefined && rest[2] !== undefined && rest.length === 3) {
    return { kind: "openapi-v3-gv", group: rest[1], version: rest[2] };
  }
  return NOT_FOUND;
}

/** `[watch/][namespaces/<ns>/]<plural>[/<name>[/<sub>]]`, or `namespaces/<name>[/<sub>]`. */
function resourceRoute(
  registry: ResourceRegistry,
  group: string,
  version: string,
  input: string[],
): Route {
  const watchPath = input[0] === "watch";
  let rest = watchPath ? input.slice(1) : input;
  let namespace: string | undefined;
  // `namespaces/<name>/status` and `/finalize` address the Namespace itself.
  const namespaceItself = group === "" && rest.length === 3 && NAMESPACE_SUBS.has(rest[2] ?? "");
  if (rest[0] === "namespaces" && rest.length >= 3 && !namespaceItself) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  if (plural === undefined || extra.length > 0 || name === "" || namespace === "") return NOT_FOUND;
  const type = registry.find(group, version, plural);
  if (!type) return NOT_FOUND;
  if (namespace !== undefined && !type.namespaced) return NOT_FOUND;
  if (namespace === undefined && type.namespaced && name !== undefined) return NOT_FOUND;
  if (subresource !== undefined && !hasSubresource(type, subresource)) return NOT_FOUND;
  const scope: RequestScope = { group, version, plural };
  if (namespace !== undefined) scope.namespace = namespace;
  if (name !== undefined) scope.name = name;
  if (subresource === "status" || subresource === "scale") scope.subresource = subresource;
  return { kind: "resource", scope, type, collection: name === undefined, watchPath };
}

function hasSubresource(type: ResourceType, sub: string): boolean {
  return (sub === "status" && type.statusSubresource) ||
    (sub === "scale" && type.scaleSubresource);
}
