/** A small in-memory SandboxApi that records every call: enough to test the HTTP door alone. */
import type {
  ApiGroupInfo,
  ListQuery,
  PatchType,
  RequestScope,
  ResourceRegistry,
  SandboxApi,
  WireWatchEvent,
  WriteOptions,
} from "../../../src/sandbox/api_types.ts";
import { type JsonObject, type ResourceType, StatusError } from "../../../src/sandbox/types.ts";

/** One recorded API call. */
export interface Call {
  verb: string;
  scope: RequestScope;
  query?: ListQuery;
  options?: unknown;
  patchType?: PatchType;
  body?: unknown;
}

function type(
  group: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version: group === "example.com" ? "v1alpha1" : "v1",
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    statusSubresource: false,
    scaleSubresource: false,
    listMapKeys: {},
    listSets: [],
    ...extra,
  };
}

/** The fake's served types. */
export const FAKE_TYPES: readonly ResourceType[] = [
  type("", "Namespace", "namespaces", false, { shortNames: ["ns"], statusSubresource: true }),
  type("", "ConfigMap", "configmaps", true, { shortNames: ["cm"] }),
  type("", "Pod", "pods", true, {
    shortNames: ["po"],
    categories: ["all"],
    statusSubresource: true,
  }),
  type("", "Service", "services", true, { shortNames: ["svc"], categories: ["all"] }),
  type("apps", "Deployment", "deployments", true, {
    shortNames: ["deploy"],
    categories: ["all"],
    statusSubresource: true,
    scaleSubresource: true,
  }),
  type("example.com", "Widget", "widgets", false, { crd: "widgets.example.com" }),
];

const registry: ResourceRegistry = {
  all: () => [...FAKE_TYPES],
  groups: (): ApiGroupInfo[] =>
    ["", "apps", "example.com"].map((group) => {
      const version = group === "example.com" ? "v1alpha1" : "v1";
      return { group, versions: [version], preferredVersion: version };
    }),
  find: (g, v, plural) =>
    FAKE_TYPES.find((t) => t.group === g && t.version === v && t.plural === plural),
  findKind: (g, v, kind) =>
    FAKE_TYPES.find((t) => t.group === g && t.version === v && t.kind === kind),
};

function keyOf(scope: RequestScope, name = scope.name): string {
  return `${scope.group}/${scope.plural}/${scope.namespace ?? ""}/${name}`;
}

/** In-memory objects keyed by scope; watch delivers ADDED/MODIFIED/DELETED synchronously. */
export class FakeApi implements SandboxApi {
  readonly registry: ResourceRegistry = registry;
  readonly calls: Call[] = [];
  readonly objects = new Map<string, JsonObject>();
  readonly watchers = new Set<(e: WireWatchEvent, scope: RequestScope) => void>();
  rv = 10;

  #store(scope: RequestScope, body: JsonObject, event: "ADDED" | "MODIFIED"): JsonObject {
    const meta: JsonObject = {
      ...(body.metadata as JsonObject),
      resourceVersion: String(++this.rv),
    };
    if (scope.namespace !== undefined) meta.namespace = scope.namespace;
    const stored = { ...body, metadata: meta };
    this.objects.set(keyOf(scope, String(meta.name)), stored);
    for (const w of this.watchers) w({ type: event, object: stored }, scope);
    return stored;
  }

  get(scope: RequestScope): JsonObject {
    this.calls.push({ verb: "get", scope });
    const obj = this.objects.get(keyOf(scope));
    if (!obj) throw new StatusError(404, "NotFound", `${scope.plural} "${scope.name}" not found`);
    return obj;
  }
  list(scope: RequestScope, query: ListQuery = {}): JsonObject {
    this.calls.push({ verb: "list", scope, query });
    const prefix = `${scope.group}/${scope.plural}/${scope.namespace ?? ""}`;
    const items = [...this.objects].filter(([k]) => k.startsWith(prefix)).map(([, o]) => o);
    return {
      kind: "List",
      apiVersion: "v1",
      metadata: { resourceVersion: String(this.rv) },
      items,
    };
  }
  create(scope: RequestScope, body: JsonObject, options?: WriteOptions): JsonObject {
    this.calls.push({ verb: "create", scope, body, options });
    return this.#store(scope, body, "ADDED");
  }
  replace(scope: RequestScope, body: JsonObject, options?: WriteOptions): JsonObject {
    this.calls.push({ verb: "replace", scope, body, options });
    return this.#store(scope, body, "MODIFIED");
  }
  patch(scope: RequestScope, patchType: PatchType, body: unknown, options?: WriteOptions) {
    this.calls.push({ verb: "patch", scope, patchType, body, options });
    const existing = this.objects.get(keyOf(scope));
    const merged = { ...existing, ...(Array.isArray(body) ? {} : body as JsonObject) };
    merged.metadata = { ...(existing?.metadata as JsonObject), name: scope.name };
    return {
      object: this.#store(scope, merged, existing ? "MODIFIED" : "ADDED"),
      created: !existing,
    };
  }
  delete(
    scope: RequestScope,
    options?: { dryRun?: boolean; propagationPolicy?: string },
  ): JsonObject {
    this.calls.push({ verb: "delete", scope, options });
    const obj = this.get(scope);
    this.objects.delete(keyOf(scope));
    for (const w of this.watchers) w({ type: "DELETED", object: obj }, scope);
    return obj;
  }
  watch(scope: RequestScope, query: ListQuery, onEvent: (e: WireWatchEvent) => void): () => void {
    this.calls.push({ verb: "watch", scope, query });
    if (query.resourceVersion === "1") {
      throw new StatusError(410, "Expired", `too old resource version: 1 (${this.rv})`);
    }
    if (!query.resourceVersion || query.resourceVersion === "0") {
      for (const object of (this.list(scope).items as JsonObject[])) {
        onEvent({ type: "ADDED", object });
      }
    }
    const w = (e: WireWatchEvent, s: RequestScope) => {
      if (
        s.plural === scope.plural &&
        (scope.namespace === undefined || s.namespace === scope.namespace)
      ) onEvent(e);
    };
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }
}
