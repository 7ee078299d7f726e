/** Progressive deploys in the pipeline: KULTA check and Rollout plan (step 2b), following it (5b). */
import { formatKey, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import {
  clearPromote,
  monitorRollout,
  PROMOTE_ANNOTATION,
  restartRollout,
} from "../progressive/mod.ts";
import { KULTA_API_VERSION } from "../strategy/mod.ts";
import type { AnswerChecks } from "./_answers.ts";
import type { DeployRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { endRun, mark, othersReady } from "./_rollout_outcome.ts";
import { monitorOptionsOf, rolloutKey, settingsOf } from "./_rollout_monitor.ts";
import { kultaMissing, planOrDirect } from "./_rollout_planning.ts";
import type { CheckedSpec } from "./_checked_spec.ts";
import type { DeployOptions } from "./types.ts";

export { endRun } from "./_rollout_outcome.ts";
export {
  monitorOptionsOf,
  rolloutKey,
  type RolloutSettings,
  rolloutSettings,
} from "./_rollout_monitor.ts";

/** A progressive deploy's plan: what to apply instead of the manifests, and the Rollout. */
export interface RolloutDeploy {
  manifests: readonly KubeObject[];
  key: ResourceKey;
  /** The live Rollout's generation before applying; a new one means a new revision. */
  liveGeneration?: number;
}

/** Removes a stale `kulta.io/promote` so that it does not promote the new revision's pauses. */
async function clearStalePromote(
  ctx: EngineContext,
  run: DeployRun,
  key: ResourceKey,
): Promise<void> {
  await clearPromote(ctx.deps.cluster, key);
  run.warnings.push(
    `Removed a stale "${PROMOTE_ANNOTATION}" annotation from Rollout ` +
      `"${key.name}" so that it does not promote the new revision's pauses at once`,
  );
}

/** Warns when the Deployment the Rollout replaces still runs from an earlier deploy. */
async function warnEarlierDeployment(
  ctx: EngineContext,
  spec: CheckedSpec,
  run: DeployRun,
  replaced: KubeObject,
): Promise<void> {
  const old = await ctx.deps.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: replaced.metadata.namespace ?? spec.namespace,
    name: replaced.metadata.name ?? spec.service,
  });
  if (old?.metadata.labels?.["nopea.io/service"] === spec.service) {
    run.warnings.push(
      `Deployment "${old.metadata.name}" from an earlier deploy still runs: the ` +
        "Rollout replaces it and the Services no longer send it traffic; delete it once the " +
        "Rollout has completed",
    );
  }
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
  const plan = await planOrDirect(ctx, spec, run, run.strategy);
  if (plan === undefined) return undefined;
  run.warnings.push(...plan.warnings);
  const namespace = plan.rollout.metadata.namespace ?? spec.namespace;
  const key = rolloutKey(namespace, spec.service);
  const live = await cluster.get(key);
  if (!spec.dryRun && live?.metadata.annotations?.[PROMOTE_ANNOTATION] !== undefined) {
    await clearStalePromote(ctx, run, key);
  }
  if (plan.replaced.kind === "Deployment") {
    await warnEarlierDeployment(ctx, spec, run, plan.replaced);
  }
  const generation = live?.metadata.generation;
  return { manifests: plan.objects, key, ...(generation ? { liveGeneration: generation } : {}) };
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
