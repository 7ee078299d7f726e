/** engine.heal: re-applies what drifted in the cluster, per policy (DESIGN §5). */
import { keyOf, type KubeObject } from "../manifests/mod.ts";
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { newRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastApplied } from "./_last_applied.ts";
import { withDeployLock } from "./_locked.ts";
import { type HealPolicy, type HealSkip, selectHeal, withLiveValues } from "./_heal_selection.ts";
import { type DriftReport, runDrift } from "./drift_operation.ts";
import { finishRun } from "./_record_run.ts";
import { runStepsOrFail } from "./_steps_or_fail.ts";
import type { HealRequest } from "./requests.ts";
import type { DeployOptions } from "./types.ts";

/** A heal's request and the deploy options of its re-apply. */
type HealOptions = DeployOptions & Omit<HealRequest, "service">;

/** What `engine.heal` did: the drift it found, what it re-applied, what it left and why. */
export interface HealReport {
  /** The service. */
  service: string;
  /** The policy heal ran with. */
  policy: HealPolicy;
  /** Keys of the objects re-applied (in a dry run: that would be); empty when the re-apply failed. */
  healed: string[];
  /** Drifted objects left as they are, each with the reason. */
  skipped: HealSkip[];
  /** The drift found before healing. */
  drift: DriftReport;
  /** The deploy that re-applied the objects; absent when nothing was re-applied. */
  result?: DeployResult;
}

/** What Nopea last applied of the service (runDrift already checked there is something). */
async function lastAppliedOf(ctx: EngineContext, service: string) {
  const found = await lastApplied(ctx.memory, service);
  if (!found) {
    throw new NopeaError("SERVICE_NOT_FOUND", `Nopea has applied nothing of service "${service}"`, {
      hint: "Deploy the service first (nopea services lists them)",
    });
  }
  return { last: found.record, stored: found.objects };
}

/** A direct deploy of exactly `objects`, taking their fields back (`forceConflicts`). */
async function reapply(
  ctx: EngineContext,
  last: DeployRecord,
  objects: readonly KubeObject[],
  options: HealOptions,
): Promise<DeployResult> {
  const dryRun = options.dryRun ?? false;
  const deployId = ctx.deps.ids.next();
  const { service, namespace } = last;
  return await withDeployLock(
    ctx,
    { service, namespace, deployId, dryRun },
    (ctx) => reapplyLocked(ctx, deployId, last, objects, options),
  );
}

/** The re-apply itself, holding the deploy lock (none in a dry run). */
async function reapplyLocked(
  ctx: EngineContext,
  deployId: string,
  last: DeployRecord,
  objects: readonly KubeObject[],
  options: HealOptions,
): Promise<DeployResult> {
  const dryRun = options.dryRun ?? false;
  const run = newRun({
    deployId,
    service: last.service,
    namespace: last.namespace,
    dryRun,
    startedAt: ctx.deps.clock.now(),
  });
  run.operation = "heal";
  const spec = {
    service: last.service,
    namespace: last.namespace,
    manifests: objects,
    strategy: "direct" as const,
    timeoutMs: ctx.options.timeoutMs,
    forceConflicts: true,
    // A heal re-applies a few objects: everything else stays as it is.
    prune: false,
    dryRun,
  };
  await runStepsOrFail(ctx, spec, run, options);
  run.strategyReasons = [
    `healing ${objects.length} drifted object${
      objects.length === 1 ? "" : "s"
    } from the manifests of deploy "${last.deployId}"`,
  ];
  // The heal's record keeps the objects it re-applied: drift takes each object's newest.
  return await finishRun(ctx, run);
}

/**
 * `engine.heal`: measures drift against what Nopea last applied, then (policy `auto`)
 * re-applies the objects changed or deleted in the cluster as Nopea last applied them,
 * as a direct deploy that forces conflicts, recorded like any deploy. Objects annotated
 * `nopea.io/suspend-heal: "true"`, drift within the grace period, drift from the manifests and
 * deleted Secrets (memory keeps no values) are skipped with a reason.
 *
 * @throws {NopeaError} `SERVICE_NOT_FOUND` without a completed deploy; `SPEC_INVALID` for a bad grace
 */
export async function runHeal(
  ctx: EngineContext,
  request: HealRequest,
  deployOptions: DeployOptions = {},
): Promise<HealReport> {
  const { service, ...asked } = request;
  const options: HealOptions = { ...deployOptions, ...asked };
  const policy = options.policy ?? "auto";
  const graceMs = options.graceMs ?? 0;
  if (!(graceMs >= 0) || !Number.isFinite(graceMs)) {
    throw new NopeaError("SPEC_INVALID", `Invalid grace period ${graceMs}ms for heal`, {
      hint: "Pass a duration such as --grace 5m, or none",
    });
  }
  return await ctx.queue.run(service, async () => {
    const drift = await runDrift(ctx, { service });
    const { last, stored } = await lastAppliedOf(ctx, service);
    const drifted = drift.resources.filter((r) => r.drift !== "no_drift");
    const live = new Map<string, KubeObject>();
    await Promise.all(drifted.map(async (r) => {
      const model = stored.get(r.key);
      const object = model ? await ctx.deps.cluster.get(keyOf(model)) : undefined;
      if (object) live.set(r.key, object);
    }));
    const { heal, skipped } = selectHeal({
      resources: drifted,
      live,
      stored,
      now: ctx.deps.clock.now(),
      graceMs,
      policy,
    });
    const report: HealReport = { service, policy, healed: [], skipped, drift };
    if (heal.length === 0) return report;
    const objects = heal.map((key) => withLiveValues(stored.get(key)!, live.get(key)));
    const result = await reapply(ctx, last, objects, options);
    return { ...report, healed: result.status === "completed" ? heal : [], result };
  });
}
