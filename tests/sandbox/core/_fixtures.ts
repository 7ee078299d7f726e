/** Shared fixtures of the sandbox core tests: a core on a manual clock, scopes, objects. */
import { fixedClock, type ManualClock } from "../../../src/shared/mod.ts";
import { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import type { RequestScope } from "../../../src/sandbox/api_types.ts";
import { type JsonObject, StatusError } from "../../../src/sandbox/types.ts";

/** A core on a manual clock with deterministic uids. */
export function newCore(options: { eventLogSize?: number } = {}): {
  core: SandboxCore;
  clock: ManualClock;
} {
  const clock = fixedClock("2026-01-01T00:00:00Z");
  let n = 0;
  const ids = () => `uid-${++n}`;
  return { core: new SandboxCore({ clock, ids, ...options }), clock };
}

/** Scope of a namespaced core/v1 or named-group resource. */
export function scope(
  plural: string,
  extra: Partial<RequestScope> = {},
): RequestScope {
  const groups: Record<string, [string, string]> = {
    deployments: ["apps", "v1"],
    replicasets: ["apps", "v1"],
    statefulsets: ["apps", "v1"],
    jobs: ["batch", "v1"],
    customresourcedefinitions: ["apiextensions.k8s.io", "v1"],
    roles: ["rbac.authorization.k8s.io", "v1"],
  };
  const [group, version] = groups[plural] ?? ["", "v1"];
  const clusterScoped = ["namespaces", "nodes", "customresourcedefinitions"].includes(plural);
  return {
    group,
    version,
    plural,
    ...(clusterScoped ? {} : { namespace: "default" }),
    ...extra,
  };
}

/** A valid Deployment. */
export function deployment(name: string, extra: JsonObject = {}): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image: "nginx:1.25" }] },
      },
    },
    ...extra,
  };
}

/** A ConfigMap. */
export function configMap(name: string, data: Record<string, string> = { a: "1" }): JsonObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data };
}

/** Runs `fn`, which must throw a StatusError; returns its Status body. */
export function statusOf(fn: () => unknown): JsonObject {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatusError) return error.toStatus();
    throw error;
  }
  throw new Error("expected a StatusError, but the call succeeded");
}

/** `metadata` of an object. */
export function metaOf(obj: JsonObject): Record<string, unknown> {
  return obj["metadata"] as Record<string, unknown>;
}

/** A namespaced CRD `widgets.example.com` serving v1 (status subresource) and v1beta1. */
export function widgetCrd(extra: { shortNames?: string[]; kind?: string } = {}): JsonObject {
  const schema = {
    openAPIV3Schema: {
      type: "object",
      properties: {
        spec: {
          type: "object",
          properties: {
            ports: {
              type: "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["port"],
              items: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
            tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
            size: { type: "integer" },
          },
        },
        status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      },
    },
  };
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: {
        plural: "widgets",
        singular: "widget",
        kind: extra.kind ?? "Widget",
        shortNames: extra.shortNames ?? ["wd"],
        categories: ["all"],
      },
      versions: [
        { name: "v1", served: true, storage: true, schema, subresources: { status: {} } },
        { name: "v1beta1", served: true, storage: false, schema, subresources: { status: {} } },
      ],
    },
  };
}
