/** Test helper: the API requests a ClusterPort makes, and whether RBAC rules from YAML allow them. */
import { parseAllDocuments } from "yaml";
import type { ClusterPort } from "../../src/kube/mod.ts";
import type { ResourceKey } from "../../src/manifests/mod.ts";

/** One API request, as RBAC sees it. */
export interface ApiRequest {
  verb: string;
  group: string;
  resource: string;
  /** `""` for cluster-scoped objects and requests across namespaces. */
  namespace: string;
  /** The object's name; absent for lists, watches and creates (RBAC cannot name those). */
  name?: string;
}

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** `cluster`, noting every request it makes in `requests`. Apply counts as patch and create. */
export function recordingCluster(cluster: ClusterPort, requests: ApiRequest[]): ClusterPort {
  const note = async (
    verbs: string[],
    apiVersion: string,
    kind: string,
    namespace = "",
    name?: string,
  ) => {
    const info = await cluster.discover(apiVersion, kind);
    const group = apiVersion.includes("/") ? apiVersion.split("/")[0] as string : "";
    const resource = info?.plural ?? `${kind.toLowerCase()}s`;
    for (const verb of verbs) {
      const named = name !== undefined && verb !== "create";
      requests.push({ verb, group, resource, namespace, ...(named ? { name } : {}) });
    }
  };
  const key = (verbs: string[], k: ResourceKey) =>
    note(verbs, k.apiVersion, k.kind, k.namespace, k.name);
  return {
    discover: (...a) => cluster.discover(...a),
    get: async (k) => (await key(["get"], k), cluster.get(k)),
    list: async (v, k, o) => (await note(["list"], v, k, o?.namespace), cluster.list(v, k, o)),
    apply: async (obj, o) => {
      const { apiVersion, kind, metadata } = obj;
      await note(["patch", "create"], apiVersion, kind, metadata.namespace, metadata.name);
      return cluster.apply(obj, o);
    },
    patch: async (k, p, o) => (await key(["patch"], k), cluster.patch(k, p, o)),
    delete: async (k, o) => (await key(["delete"], k), cluster.delete(k, o)),
    watch: async (
      v,
      k,
      o,
      on,
    ) => (await note(["watch"], v, k, o.namespace), cluster.watch(v, k, o, on)),
  };
}

function rulesOf(doc: Record<string, unknown>): Rule[] {
  return (doc["rules"] as Rule[] | undefined) ?? [];
}

function allows(rule: Rule, request: ApiRequest): boolean {
  const has = (list: string[], v: string) => list.includes(v) || list.includes("*");
  const named = !rule.resourceNames ||
    (request.name !== undefined && rule.resourceNames.includes(request.name));
  return has(rule.apiGroups, request.group) && has(rule.resources, request.resource) &&
    has(rule.verbs, request.verb) && named;
}

/**
 * The requests that the ClusterRoles (everywhere) and Roles (in their namespace) of `yamlText`
 * do not allow.
 */
export function notAllowed(yamlText: string, requests: readonly ApiRequest[]): ApiRequest[] {
  const docs = parseAllDocuments(yamlText).map((d) => d.toJS() as Record<string, unknown>);
  const cluster = docs.filter((d) => d["kind"] === "ClusterRole").flatMap(rulesOf);
  const roles = docs.filter((d) => d["kind"] === "Role").map((d) => ({
    namespace: (d["metadata"] as { namespace: string }).namespace,
    rules: rulesOf(d),
  }));
  return requests.filter((request) =>
    !cluster.some((rule) => allows(rule, request)) &&
    !roles.some((role) =>
      role.namespace === request.namespace && role.rules.some((rule) => allows(rule, request))
    )
  );
}
