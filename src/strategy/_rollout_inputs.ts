/** What a Rollout is planned from: the service's workload and the checked options (DESIGN §3). */
import { isDns1123Label, isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { type CanaryStep, isKultaDuration, STEPS_HINT, stepsProblem } from "./canary_steps.ts";
import { record } from "./_rollout_services.ts";
import type { RolloutAnalysis, RolloutPlanOptions } from "./_rollout_types.ts";

const METRICS = new Set(["error-rate", "latency-p95"]);

/** The `SPEC_INVALID` fault of a rollout that cannot be planned. */
export function invalid(service: string, problem: string, hint: string): NopeaError {
  return new NopeaError(
    "SPEC_INVALID",
    `Cannot plan a progressive rollout of service "${service}": ${problem}`,
    { hint },
  );
}

function checkAnalysis(service: string, analysis: RolloutAnalysis): void {
  const hint = 'Use the metrics "error-rate" and "latency-p95" with numeric thresholds';
  for (const m of analysis.metrics) {
    if (!METRICS.has(m.name)) throw invalid(service, `KULTA has no metric "${m.name}"`, hint);
    if (!Number.isFinite(m.threshold)) {
      throw invalid(service, `metric "${m.name}" has threshold "${m.threshold}"`, hint);
    }
  }
  const warmup = analysis.warmupDuration;
  if (warmup !== undefined && !isKultaDuration(warmup)) {
    throw invalid(service, `analysis warm-up "${warmup}" is not a duration`, "Write 30s, 5m or 1h");
  }
}

function isDeployment(o: KubeObject): boolean {
  return o.kind === "Deployment" && o.apiVersion === "apps/v1";
}

function isRollout(o: KubeObject): boolean {
  return o.kind === "Rollout" && o.apiVersion.startsWith("kulta.io/");
}

/**
 * The workload a Rollout is built from: the service's Deployment (the one named like the service,
 * else the only one), or else a KULTA Rollout already in the manifests (a stored progressive set).
 *
 * @throws {NopeaError} `SPEC_INVALID` when there is none, or several and none named like the service.
 *
 * @example
 * ```ts
 * import { workloadOf } from "./rollout_plan.ts";
 * import { equal } from "node:assert/strict";
 * const d = (name: string) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name } });
 * equal(workloadOf([d("worker"), d("api")], "api").metadata.name, "api");
 * ```
 */
export function workloadOf(
  objects: readonly KubeObject[],
  service: string,
  workload?: string,
): KubeObject {
  for (const [label, pick] of [["Deployment", isDeployment], ["Rollout", isRollout]] as const) {
    const found = objects.filter(pick);
    const named = found.find((o) => o.metadata.name === (workload ?? service));
    if (named) return named;
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const names = found.map((o) => `"${o.metadata.name}"`).join(", ");
      throw invalid(
        service,
        `the manifests hold ${found.length} ${label}s (${names}) and none is named "${service}"`,
        `Name the service's ${label} "${service}", or deploy the others as their own services`,
      );
    }
  }
  throw invalid(
    service,
    "the manifests hold no Deployment",
    "Add the service's Deployment (apps/v1): the Rollout copies its replicas, selector and template",
  );
}

/** Defaults a Rollout already in the manifests contributes: its canary steps, route and analysis. */
function sourceDefaults(source: KubeObject): Partial<RolloutPlanOptions> {
  if (!isRollout(source)) return {};
  const strategy = record(record(source["spec"])["strategy"]);
  const config = record(strategy["canary"] ?? strategy["blueGreen"]);
  const route = record(record(config["trafficRouting"])["gatewayAPI"])["httpRoute"];
  return {
    ...(Array.isArray(config["steps"]) ? { steps: config["steps"] as CanaryStep[] } : {}),
    ...(typeof route === "string" ? { httpRoute: route } : {}),
    ...(isPlainObject(config["analysis"])
      ? { analysis: config["analysis"] as unknown as RolloutAnalysis }
      : {}),
  };
}

/**
 * The options a plan uses: the source Rollout's defaults under the given options, with their
 * steps, analysis and HTTPRoute name checked.
 */
export function plannedOptions(
  source: KubeObject,
  options: RolloutPlanOptions,
): RolloutPlanOptions {
  const { service } = options;
  const opts: RolloutPlanOptions = { ...sourceDefaults(source), ...options };
  const problem = opts.steps ? stepsProblem(opts.steps) : undefined;
  if (problem) throw invalid(service, problem, STEPS_HINT);
  if (opts.analysis) checkAnalysis(service, opts.analysis);
  if (opts.httpRoute !== undefined && !isDns1123Label(opts.httpRoute)) {
    throw invalid(service, `HTTPRoute name "${opts.httpRoute}" is invalid`, "Name an HTTPRoute");
  }
  return opts;
}
