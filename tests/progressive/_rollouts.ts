/** Rollouts for the progressive/ unit tests, on the in-process sandbox with KULTA's CRD. */
import type { KubeObject, ResourceKey } from "../../src/manifests/mod.ts";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import type { ControllerOptions } from "../../src/sandbox/mod.ts";
import { type TestDeps, testDeps } from "../../src/testing/mod.ts";

/** The key of the Rollout `web` in `default`. */
export const WEB: ResourceKey = {
  apiVersion: "kulta.io/v1alpha1",
  kind: "Rollout",
  namespace: "default",
  name: "web",
};

/** The Rollout `web` with a strategy (`spec.strategy`). */
export function rollout(strategy: Record<string, unknown>, image = "web:1"): KubeObject {
  const labels = { app: "web" };
  return {
    apiVersion: WEB.apiVersion,
    kind: "Rollout",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "web", image }] } },
      strategy,
    },
  };
}

/** A canary strategy over `web`/`web-canary` with these steps. */
export function canary(steps: unknown[], extra: Record<string, unknown> = {}) {
  return { canary: { stableService: "web", canaryService: "web-canary", steps, ...extra } };
}

/** Test deps with the KULTA CRD installed and `obj` applied (if given). */
export async function withRollout(
  obj?: KubeObject,
  controllers: ControllerOptions = {},
): Promise<TestDeps> {
  const deps = await testDeps({ controllers: { readyDelayMs: 1000, ...controllers } });
  await deps.cluster.apply(KULTA_CRD, { fieldManager: "test" });
  if (obj) await deps.cluster.apply(obj, { fieldManager: "test" });
  return deps;
}
