/** planRollout(): a service's Deployment → a KULTA Rollout and its Services (DESIGN §3). Pure. */
import { isDns1123Label, isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import {
  type CanaryStep,
  DEFAULT_CANARY_STEPS,
  isKultaDuration,
  STEPS_HINT,
  stepsProblem,
} from "./canary_steps.ts";

/** The apiVersion KULTA's controller watches (external-formats §1.1). */
export const KULTA_API_VERSION = "kulta.io/v1alpha1";
/** The label on pods, ReplicaSets and Service selectors that tells KULTA's roles apart (§1.7). */
export const ROLLOUT_TYPE_LABEL = "rollouts.kulta.io/type";

/** A metric KULTA's analysis checks; the canary is healthy while `value < threshold`. */
export interface RolloutMetric {
  /** The metric (KULTA knows only these two). */
  readonly name: "error-rate" | "latency-p95";
  /** The canary fails once the metric reaches this value. */
  readonly threshold: number;
}

/** KULTA canary analysis (only the metric names `error-rate` and `latency-p95` exist). */
export interface RolloutAnalysis {
  /** Analysis is skipped for this long after a step starts, e.g. `"1m"`. */
  readonly warmupDuration?: string;
  /** The metrics checked. */
  readonly metrics: readonly RolloutMetric[];
}

/** The progressive strategies. */
export type ProgressiveStrategy = "canary" | "blue_green";

/** Options of {@linkcode planRollout}. */
export interface RolloutPlanOptions {
  /** The Nopea service: the Rollout's name and the stable (active) Service's default name. */
  service: string;
  /** Canary steps. @default DEFAULT_CANARY_STEPS (or the steps of a Rollout in the manifests) */
  steps?: readonly CanaryStep[];
  /** A Gateway API HTTPRoute in the same namespace whose backends KULTA weighs. */
  httpRoute?: string;
  /** Canary analysis; KULTA does not analyse blue-green rollouts. */
  analysis?: RolloutAnalysis;
  /**
   * The Deployment to roll out progressively, when the manifests hold several and none is named
   * like the service. @default the one named like the service, else the only one
   */
  workload?: string;
}

/** What a progressive deploy applies. */
export interface RolloutPlan {
  /** The `kulta.io/v1alpha1` Rollout that replaces the Deployment. */
  rollout: KubeObject;
  /** Every object to apply, in manifest order: the Rollout where the Deployment was. */
  objects: KubeObject[];
  /** The Deployment (or earlier Rollout) the Rollout was built from; it is not applied. */
  replaced: KubeObject;
  /** Things worth telling the user. */
  warnings: string[];
}

const METRICS = new Set(["error-rate", "latency-p95"]);

function invalid(service: string, problem: string, hint: string): NopeaError {
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

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

/** Whether a Service's selector picks the workload's pods. */
function selects(svc: KubeObject, workload: KubeObject): boolean {
  const selector = record(record(svc["spec"])["selector"]);
  const labels = record(record(record(record(workload["spec"])["template"])["metadata"])["labels"]);
  const pairs = Object.entries(selector).filter(([k]) => k !== ROLLOUT_TYPE_LABEL);
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}

/**
 * The Service in front of the workload: named like the service, else the ClusterIP Service
 * selecting the workload's pods (preferring the one named like the workload), else the only plain one.
 */
function baseServiceOf(
  objects: readonly KubeObject[],
  service: string,
  workload: KubeObject,
): KubeObject | undefined {
  const services = objects.filter((o) => o.kind === "Service" && o.apiVersion === "v1");
  const named = services.find((s) => s.metadata.name === service);
  if (named) return named;
  const selecting = services.filter((s) =>
    selects(s, workload) && (record(s["spec"])["type"] ?? "ClusterIP") === "ClusterIP" &&
    !/-(canary|preview)$/.test(s.metadata.name ?? "")
  );
  const front = selecting.find((s) => s.metadata.name === workload.metadata.name) ?? selecting[0];
  if (front) return front;
  const plain = services.filter((s) => !/-(canary|preview)$/.test(s.metadata.name ?? ""));
  return plain.length === 1 ? plain[0] : undefined;
}

/** A Service whose selector also requires KULTA's role label. */
function withRole(svc: KubeObject, role: string): KubeObject {
  const spec = record(svc["spec"]);
  return {
    ...svc,
    spec: { ...spec, selector: { ...record(spec["selector"]), [ROLLOUT_TYPE_LABEL]: role } },
  };
}

/** A ClusterIP copy of the base Service for the canary (preview) pods. */
function roleCopy(base: KubeObject, name: string, role: string): KubeObject {
  const spec = record(base["spec"]);
  const ports = Array.isArray(spec["ports"])
    ? spec["ports"].map((p) => {
      const { nodePort: _dropped, ...rest } = record(p);
      return rest;
    })
    : [];
  const { namespace, labels } = base.metadata;
  return withRole({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
    spec: { ports, selector: record(spec["selector"]) },
  }, role);
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

function portOf(base: KubeObject | undefined): number {
  const ports = record(base?.["spec"])["ports"];
  const first = Array.isArray(ports) ? record(ports[0]) : {};
  return typeof first["port"] === "number" ? first["port"] : 80;
}

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
  const opts: RolloutPlanOptions = { ...sourceDefaults(source), ...options };
  const problem = opts.steps ? stepsProblem(opts.steps) : undefined;
  if (problem) throw invalid(service, problem, STEPS_HINT);
  if (opts.analysis) checkAnalysis(service, opts.analysis);
  if (opts.httpRoute !== undefined && !isDns1123Label(opts.httpRoute)) {
    throw invalid(service, `HTTPRoute name "${opts.httpRoute}" is invalid`, "Name an HTTPRoute");
  }
  const warnings: string[] = [];
  if (strategy === "blue_green" && options.analysis) {
    warnings.push("KULTA does not analyse blue-green rollouts: the analysis settings are ignored");
  }
  const base = baseServiceOf(objects, service, source);
  const [roleA, roleB, suffix] = strategy === "canary"
    ? ["stable", "canary", "-canary"]
    : ["active", "preview", "-preview"];
  const names = [
    base?.metadata.name ?? service,
    `${base?.metadata.name ?? service}${suffix}`,
  ] as const;
  if (!isDns1123Label(names[1])) {
    throw invalid(service, `Service name "${names[1]}" is too long`, "Use a shorter service name");
  }
  if (!base) {
    warnings.push(
      `No Service "${service}" in the manifests: create "${names[0]}" and "${
        names[1]
      }" selecting "${ROLLOUT_TYPE_LABEL}: ${roleA}" and "${roleB}"`,
    );
  }
  const rollout = buildRollout(source, service, strategySpec(strategy, names, portOf(base), opts));
  const hasSecond = objects.some((o) => o.kind === "Service" && o.metadata.name === names[1]);
  const out: KubeObject[] = [];
  for (const o of objects) {
    if (o === source) out.push(rollout);
    else if (o === base) {
      out.push(withRole(o, roleA));
      if (!hasSecond) out.push(roleCopy(o, names[1], roleB));
    } else if (o.kind === "Service" && o.metadata.name === names[1]) out.push(withRole(o, roleB));
    else out.push(o);
  }
  return { rollout, objects: out, replaced: source, warnings };
}
