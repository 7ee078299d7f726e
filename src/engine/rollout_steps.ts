/** Progressive deploys in the pipeline: KULTA check and Rollout plan (step 2b), following it (5b). */
import { formatKey, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import {
  clearPromote,
  type MonitorOptions,
  monitorRollout,
  PROMOTE_ANNOTATION,
  restartRollout,
  type RolloutOutcome,
  rolloutVerdict,
  type RolloutView,
} from "../progressive/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { KULTA_API_VERSION, planRollout, type ProgressiveStrategy } from "../strategy/mod.ts";
import type { AnswerChecks } from "./_answers.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { waitForResources } from "./_wait_for.ts";
import type { CheckedSpec } from "./_checked_spec.ts";
import type { DeployEvent, DeployOptions, EngineOptions } from "./types.ts";

/** How the engine follows KULTA Rollouts (resolved `EngineOptions`). */
export interface RolloutSettings {
  rolloutPollMs: number;
  rolloutMaxMs: number;
}

const DEFAULTS: RolloutSettings = { rolloutPollMs: 10_000, rolloutMaxMs: 3_600_000 };

/** Checks and defaults the Rollout options of `EngineOptions`. */
export function rolloutSettings(options: EngineOptions): RolloutSettings {
  const out = { ...DEFAULTS };
  for (const name of ["rolloutPollMs", "rolloutMaxMs"] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Cannot create the engine: option "${name}" must be a positive number of milliseconds, got "${value}"`,
        { hint: `Pass ${name} in milliseconds, e.g. ${DEFAULTS[name]}` },
      );
    }
    out[name] = value;
  }
  return out;
}

function settingsOf(ctx: EngineContext): RolloutSettings {
  return { rolloutPollMs: ctx.options.rolloutPollMs, rolloutMaxMs: ctx.options.rolloutMaxMs };
}

/** The key of a service's Rollout. */
export function rolloutKey(namespace: string, name: string): ResourceKey {
  return { apiVersion: KULTA_API_VERSION, kind: "Rollout", namespace, name };
}

function rolloutEvent(view: RolloutView): DeployEvent {
  const { name, phase, step, steps, weight, message, awaitingPromotion } = view;
  return {
    type: "rollout",
    name,
    phase,
    ...(step === undefined ? {} : { step }),
    ...(steps === undefined ? {} : { steps }),
    ...(weight === undefined ? {} : { weight }),
    message,
    awaitingPromotion,
  };
}

/** How to follow a Rollout for one operation: the engine's settings, the caller's events. */
export function monitorOptionsOf(ctx: EngineContext, options: DeployOptions): MonitorOptions {
  const settings = settingsOf(ctx);
  let last = "";
  const onChange = (view: RolloutView) => {
    const seen = JSON.stringify([view.phase, view.step, view.weight, view.message]);
    if (seen === last) return;
    last = seen;
    options.onEvent?.(rolloutEvent(view));
  };
  return {
    clock: ctx.deps.clock,
    sleep: ctx.deps.sleep,
    pollMs: settings.rolloutPollMs,
    maxMs: settings.rolloutMaxMs,
    onChange,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** A progressive deploy's plan: what to apply instead of the manifests, and the Rollout. */
export interface RolloutDeploy {
  manifests: readonly KubeObject[];
  key: ResourceKey;
  /** The live Rollout's generation before applying; a new one means a new revision. */
  liveGeneration?: number;
}

function imagesOfTemplate(obj: KubeObject | undefined): string {
  const spec = obj?.["spec"] as
    | { template?: { spec?: { containers?: { image?: unknown }[] } } }
    | undefined;
  return JSON.stringify((spec?.template?.spec?.containers ?? []).map((c) => c.image));
}

/**
 * With several Deployments and none named like the service, the one whose images differ from
 * the live object is the change to roll out progressively; `undefined` when that is not exactly one.
 */
async function changedWorkload(
  ctx: EngineContext,
  spec: CheckedSpec,
): Promise<string | undefined> {
  const deployments = spec.manifests.filter((o) =>
    o.kind === "Deployment" && o.apiVersion === "apps/v1"
  );
  if (deployments.length < 2 || deployments.some((d) => d.metadata.name === spec.service)) {
    return undefined;
  }
  const changed: string[] = [];
  for (const d of deployments) {
    const name = d.metadata.name ?? "";
    const live = await ctx.deps.cluster.get({
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: d.metadata.namespace ?? spec.namespace,
      name,
    });
    if (imagesOfTemplate(live) !== imagesOfTemplate(d)) changed.push(name);
  }
  return changed.length === 1 ? changed[0] : undefined;
}

function kultaMissing(spec: CheckedSpec, run: DeployRun, strategy: ProgressiveStrategy): undefined {
  const how = strategy === "canary" ? "canary" : "blue-green";
  const served = `the cluster does not serve ${KULTA_API_VERSION} Rollout`;
  if (spec.strategy !== undefined) {
    throw new NopeaError(
      "KULTA_NOT_INSTALLED",
      `Cannot deploy service "${spec.service}" by ${how}: ${served} (KULTA is not installed)`,
      {
        hint: "Install KULTA in the cluster (the rollouts.kulta.io CRD and its controller), " +
          "or deploy with --strategy direct",
      },
    );
  }
  const note = `KULTA is not installed (${served}), so "${spec.service}" is deployed ` +
    `directly instead of by ${how}`;
  run.strategy = "direct";
  run.strategyReasons = [...run.strategyReasons, note];
  run.warnings.push(note);
  return undefined;
}

/**
 * Step 2b: for canary and blue-green, checks that KULTA serves Rollouts (an explicit strategy
 * fails with `KULTA_NOT_INSTALLED`; one memory chose falls back to direct and says so), plans
 * the Rollout, and removes a stale `kulta.io/promote` before a new revision is applied.
 */
export async function prepareRollout(
  ctx: EngineContext,
  spec: CheckedSpec,
  run: DeployRun,
): Promise<RolloutDeploy | undefined> {
  if (run.strategy === "direct") return undefined;
  const { cluster } = ctx.deps;
  if (!(await cluster.discover(KULTA_API_VERSION, "Rollout"))) {
    return kultaMissing(spec, run, run.strategy);
  }
  const workload = await changedWorkload(ctx, spec);
  let plan: ReturnType<typeof planRollout>;
  try {
    plan = planRollout(run.strategy, spec.manifests, {
      service: spec.service,
      ...(spec.canarySteps ? { steps: spec.canarySteps } : {}),
      ...(spec.httpRoute ? { httpRoute: spec.httpRoute } : {}),
      ...(spec.analysis ? { analysis: spec.analysis } : {}),
      ...(workload ? { workload } : {}),
    });
  } catch (error) {
    if (spec.strategy !== undefined || !isNopeaError(error) || error.code !== "SPEC_INVALID") {
      throw error;
    }
    const note = `memory advised ${run.strategy === "canary" ? "a canary" : "blue-green"}, but ` +
      `${error.message.replace(/^Cannot [^:]*: /, "")}; "${spec.service}" is deployed directly`;
    run.strategy = "direct";
    run.strategyReasons = [...run.strategyReasons, note];
    run.warnings.push(note);
    return undefined;
  }
  run.warnings.push(...plan.warnings);
  const namespace = plan.rollout.metadata.namespace ?? spec.namespace;
  const key = rolloutKey(namespace, spec.service);
  const live = await cluster.get(key);
  if (!spec.dryRun && live?.metadata.annotations?.[PROMOTE_ANNOTATION] !== undefined) {
    await clearPromote(cluster, key);
    run.warnings.push(
      `Removed a stale "${PROMOTE_ANNOTATION}" annotation from Rollout ` +
        `"${key.name}" so that it does not promote the new revision's pauses at once`,
    );
  }
  if (plan.replaced.kind === "Deployment") {
    const old = await cluster.get({
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: plan.replaced.metadata.namespace ?? spec.namespace,
      name: plan.replaced.metadata.name ?? spec.service,
    });
    if (old?.metadata.labels?.["nopea.io/service"] === spec.service) {
      run.warnings.push(
        `Deployment "${old.metadata.name}" from an earlier deploy still runs: the ` +
          "Rollout replaces it and the Services no longer send it traffic; delete it once the " +
          "Rollout has completed",
      );
    }
  }
  const generation = live?.metadata.generation;
  return { manifests: plan.objects, key, ...(generation ? { liveGeneration: generation } : {}) };
}

function mark(
  run: DeployRun,
  key: string,
  readiness: "ready" | "progressing" | "failed" | "timeout",
  message: string,
): void {
  run.outcomes = run.outcomes.map((o) => o.key === key ? { ...o, readiness, message } : o);
}

/** Waits for the objects applied with the Rollout; on failure the run fails naming them. */
async function othersReady(
  ctx: EngineContext,
  run: DeployRun,
  rolloutKeyText: string,
  deadline: number,
  options: DeployOptions,
): Promise<boolean> {
  const others = run.outcomes.filter((o) => o.key !== rolloutKeyText);
  if (others.length === 0) return true;
  const ready = await waitForResources(
    ctx,
    run.service,
    others,
    deadline,
    options,
  );
  for (const r of ready.resources) mark(run, r.key, r.state, r.message);
  if (ready.status === "ready") return true;
  const notReady = ready.resources.filter((r) => r.state !== "ready");
  const failed = ready.status === "failed";
  failRun(
    run,
    new NopeaError(
      failed ? "DEPLOY_FAILED" : "DEPLOY_TIMEOUT",
      `Cannot follow the rollout of "${run.service}": ${
        notReady.map((r) => `${r.key} is ${r.state} (${r.message})`).join("; ")
      }`,
      { hint: "Fix the objects named above; KULTA drives the Rollout regardless" },
    ),
    (ready.failed ?? notReady[0])?.key,
  );
  const errorClass = failed ? ready.failed?.reason : "Timeout";
  if (errorClass) run.error = { ...run.error!, errorClass };
  return false;
}

/**
 * Step 5b: after applying, restarts KULTA's phase machine for a new revision, waits for the
 * other objects, verifies what the server stored, then follows the Rollout to a stop (unless
 * `wait: false`, which leaves the deploy `progressing` at once).
 */
export async function followRollout(
  ctx: EngineContext,
  spec: CheckedSpec,
  run: DeployRun,
  rollout: RolloutDeploy,
  answers: { stored: ReadonlyMap<string, KubeObject>; checks: AnswerChecks },
  deadline: number,
  options: DeployOptions,
): Promise<void> {
  const { cluster } = ctx.deps;
  const keyText = formatKey(rollout.key);
  const applied = answers.stored.get(keyText)?.metadata.generation;
  if (rollout.liveGeneration !== undefined && applied !== rollout.liveGeneration) {
    await restartRollout(cluster, rollout.key);
  }
  if (spec.wait === false) {
    run.status = "progressing";
    mark(run, keyText, "progressing", "not followed (wait disabled)");
    run.warnings.push(
      `Not following Rollout "${rollout.key.name}": KULTA drives it; see it ` +
        `with "nopea status ${run.service}", promote it with "nopea promote ${run.service}"`,
    );
    return;
  }
  if (!(await othersReady(ctx, run, keyText, deadline, options))) return;
  const planned = run.groups.flatMap((g) => g.objects.map((o) => o.object));
  run.drift = answers.checks.driftOf(planned);
  run.verified = true;
  options.onEvent?.({ type: "verified", drift: run.drift.length });
  const outcome = await monitorRollout(cluster, rollout.key, monitorOptionsOf(ctx, options));
  endRun(run, rollout.key, outcome, settingsOf(ctx).rolloutMaxMs);
}

/** Maps how following a Rollout ended onto the run: status, error, the Rollout's readiness. */
export function endRun(
  run: DeployRun,
  key: ResourceKey,
  outcome: RolloutOutcome,
  maxMs: number,
): void {
  const keyText = formatKey(key);
  const verdict = rolloutVerdict(outcome, {
    service: run.service,
    namespace: key.namespace ?? run.namespace,
    maxMs,
  });
  mark(run, keyText, verdict.readiness, verdict.message);
  if (verdict.warning) run.warnings.push(verdict.warning);
  const e = verdict.error;
  if (!e) {
    run.status = verdict.status;
    return;
  }
  const details = { rollout: verdict.message };
  failRun(run, new NopeaError(e.code, e.message, { hint: e.hint, details }), keyText);
  if (e.errorClass) run.error = { ...run.error!, errorClass: e.errorClass };
}
