/** planRollout(): a service's Deployment → a KULTA Rollout and its Services (DESIGN §3). Pure. */
import { isDns1123Label, type KubeObject } from "../manifests/mod.ts";
import { DEFAULT_CANARY_STEPS } from "./canary_steps.ts";
import { invalid, plannedOptions, workloadOf } from "./_rollout_inputs.ts";
import { baseServiceOf, portOf, record, rolloutObjects, servicePair } from "./_rollout_services.ts";
import {
  KULTA_API_VERSION,
  type ProgressiveStrategy,
  ROLLOUT_TYPE_LABEL,
  type RolloutPlan,
  type RolloutPlanOptions,
} from "./_rollout_types.ts";

export * from "./_rollout_types.ts";
export { workloadOf } from "./_rollout_inputs.ts";

function strategySpec(
  strategy: ProgressiveStrategy,
  names: readonly [string, string],
  port: number,
  options: RolloutPlanOptions,
): Record<string, unknown> {
  const routing = options.httpRoute
    ? { trafficRouting: { gatewayAPI: { httpRoute: options.httpRoute } } }
    : {};
  if (strategy === "blue_green") {
    return { blueGreen: { activeService: names[0], previewService: names[1], port, ...routing } };
  }
  return {
    canary: {
      stableService: names[0],
      canaryService: names[1],
      port,
      steps: (options.steps ?? DEFAULT_CANARY_STEPS).map((s) => ({ ...s })),
      ...routing,
      ...(options.analysis ? { analysis: options.analysis } : {}),
    },
  };
}

function buildRollout(source: KubeObject, service: string, strategy: Record<string, unknown>) {
  const spec = record(source["spec"]);
  const { namespace, labels } = source.metadata;
  const copied = ["replicas", "selector", "template", "progressDeadlineSeconds"]
    .filter((f) => spec[f] !== undefined).map((f) => [f, structuredClone(spec[f])]);
  return {
    apiVersion: KULTA_API_VERSION,
    kind: "Rollout",
    metadata: {
      name: service,
      ...(namespace ? { namespace } : {}),
      labels: { ...labels, "app.kubernetes.io/managed-by": "nopea" },
    },
    spec: { ...Object.fromEntries(copied), strategy },
  };
}

/**
 * Plans a canary or blue-green deploy: builds the `kulta.io/v1alpha1` Rollout named like the
 * service from THE Deployment (replicas, selector, template and progress deadline copied), with
 * services `<svc>` and `<svc>-canary` (or `-preview`), and makes both Services select KULTA's
 * `rollouts.kulta.io/type` role, copying the service's Service when the second one is missing.
 * Planning its own output again gives the same plan. The input objects are not changed.
 *
 * @param strategy `canary` or `blue_green`.
 * @param objects The service's manifests.
 * @param options Service, steps, HTTPRoute and analysis.
 * @returns The Rollout, the objects to apply (the Deployment is replaced) and warnings.
 * @throws {NopeaError} `SPEC_INVALID` without a Deployment, with several and none named like the
 * service, or with invalid steps or analysis.
 *
 * @example A canary with the default steps
 * ```ts
 * import { planRollout } from "./rollout_plan.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api" },
 *   spec: { replicas: 2, selector: { matchLabels: { app: "api" } },
 *     template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "api", image: "api:2" }] } } } };
 * const plan = planRollout("canary", [deployment], { service: "api" });
 * equal(plan.rollout.kind, "Rollout");
 * const canary = (plan.rollout["spec"] as { strategy: { canary: { steps: unknown[] } } }).strategy.canary;
 * deepEqual(canary.steps, [{ setWeight: 10 }, { setWeight: 25 }, { setWeight: 50 }, { setWeight: 100 }]);
 * ```
 */
export function planRollout(
  strategy: ProgressiveStrategy,
  objects: readonly KubeObject[],
  options: RolloutPlanOptions,
): RolloutPlan {
  const { service } = options;
  const source = workloadOf(objects, service, options.workload);
  const opts = plannedOptions(source, options);
  const warnings: string[] = [];
  if (strategy === "blue_green" && options.analysis) {
    warnings.push("KULTA does not analyse blue-green rollouts: the analysis settings are ignored");
  }
  const base = baseServiceOf(objects, service, source);
  const pair = servicePair(strategy, base?.metadata.name ?? service);
  const { names, roles } = pair;
  if (!isDns1123Label(names[1])) {
    throw invalid(service, `Service name "${names[1]}" is too long`, "Use a shorter service name");
  }
  if (!base) {
    warnings.push(
      `No Service "${service}" in the manifests: create "${names[0]}" and "${
        names[1]
      }" selecting "${ROLLOUT_TYPE_LABEL}: ${roles[0]}" and "${roles[1]}"`,
    );
  }
  const rollout = buildRollout(source, service, strategySpec(strategy, names, portOf(base), opts));
  const out = rolloutObjects(objects, source, rollout, base, pair);
  return { rollout, objects: out, replaced: source, warnings };
}
