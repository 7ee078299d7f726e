/** KULTA fixtures: the Rollout and HTTPRoute CRDs, Rollouts and HTTPRoutes. */
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { type Harness, podTemplate, status } from "./_harness.ts";

const openSchema = {
  openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
};

function crd(
  group: string,
  plural: string,
  kind: string,
  versions: [string, boolean][],
): JsonObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural, singular: kind.toLowerCase(), kind },
      versions: versions.map(([name, storage]) => ({
        name,
        served: true,
        storage,
        schema: openSchema,
        subresources: { status: {} },
      })),
    },
  };
}

/** Applies the `rollouts.kulta.io` (v1alpha1, v1beta1 storage) and `httproutes` CRDs. */
export function installCrds(h: Harness): void {
  h.apply(crd("kulta.io", "rollouts", "Rollout", [["v1alpha1", false], ["v1beta1", true]]));
  h.apply(crd("gateway.networking.k8s.io", "httproutes", "HTTPRoute", [["v1", true]]));
}

/** A Rollout `web` with `replicas` running `image` and the given strategy. */
export function rollout(
  strategy: JsonObject,
  options: { image?: string; replicas?: number; spec?: JsonObject; apiVersion?: string } = {},
): JsonObject {
  return {
    apiVersion: options.apiVersion ?? "kulta.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: options.replicas ?? 4,
      selector: { matchLabels: { app: "web" } },
      template: podTemplate("web", [options.image ?? "web:2.0"]),
      strategy,
      ...options.spec,
    },
  };
}

/** A canary strategy with the services `web`/`web-canary` and route `web-route`. */
export function canary(steps: JsonObject[], extra: JsonObject = {}): JsonObject {
  return {
    canary: {
      stableService: "web",
      canaryService: "web-canary",
      port: 8080,
      steps,
      trafficRouting: { gatewayAPI: { httpRoute: "web-route" } },
      ...extra,
    },
  };
}

/** The HTTPRoute `web-route` with one rule that has a path match. */
export function route(): JsonObject {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "web-route", namespace: "default" },
    spec: {
      parentRefs: [{ name: "gateway" }],
      rules: [{
        matches: [{ path: { type: "PathPrefix", value: "/" } }],
        backendRefs: [{ name: "web", port: 8080 }],
      }],
    },
  };
}

/** `[phase, currentStepIndex, currentWeight]` of the Rollout `web`. */
export function phaseOf(h: Harness): unknown[] {
  const s = status(h.get("Rollout", "web"));
  return [s["phase"], s["currentStepIndex"], s["currentWeight"]];
}

/** `name=weight` of each backend of the first rule of `web-route`. */
export function weights(h: Harness): string[] {
  const rules =
    ((h.get("HTTPRoute", "web-route")?.["spec"] as JsonObject)["rules"]) as JsonObject[];
  return (rules[0]?.["backendRefs"] as JsonObject[]).map((b) => `${b["name"]}=${b["weight"]}`);
}

/** `spec.replicas` of the ReplicaSets KULTA made, by name. */
export function replicaSets(h: Harness): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rs of h.list("ReplicaSet")) {
    out[String((rs["metadata"] as JsonObject)["name"])] = (rs["spec"] as JsonObject)["replicas"];
  }
  return out;
}
