/** engine.deploy: validates the spec, serializes per service, runs the steps, records the end. */
import { isNopeaError } from "../shared/mod.ts";
import { type DeployResult, REFUSAL_CODES } from "../deploys/mod.ts";
import { type DeployRun, failRun, newRun } from "./_deploy_run.ts";
import { checkSpec } from "./_checked_spec.ts";
import type { EngineContext } from "./_engine_context.ts";
import { withDeployLock } from "./_locked.ts";
import { finishRun } from "./_record_run.ts";
import { runDeploySteps } from "./deploy_steps.ts";
import type { DeployOptions, DeploySpec } from "./types.ts";

const INPUT_CODES = new Set([
  "SPEC_INVALID",
  "MANIFEST_PARSE",
  "MANIFEST_INVALID",
  "KUBE_NOT_FOUND_KIND",
  "KULTA_NOT_INSTALLED",
]);

/**
 * Deploys a spec. Bad input throws (`SPEC_INVALID`, `MANIFEST_*`, `KUBE_NOT_FOUND_KIND`) before
 * anything is applied; a refusal of the cluster before anything changed is a `refused` result;
 * every other failure is a `failed` result. Both are recorded in memory.
 */
export async function runDeploy(
  ctx: EngineContext,
  raw: DeploySpec,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const spec = await checkSpec(raw, ctx);
  return await ctx.queue.run(spec.service, async () => {
    const deployId = ctx.deps.ids.next();
    const { service, namespace } = spec;
    const dryRun = spec.dryRun ?? false;
    const run = newRun({ deployId, service, namespace, dryRun, startedAt: ctx.deps.clock.now() });
    try {
      return await withDeployLock(ctx, { service, namespace, deployId, dryRun }, async (ctx) => {
        await runStepsOrFail(ctx, spec, run, options);
        return await finishRun(ctx, run);
      });
    } catch (error) {
      // Another deploy holds the service's lock: recorded as refused, then reported.
      if (isNopeaError(error) && error.code === "DEPLOY_IN_PROGRESS") {
        failRun(run, error);
        run.status = "refused";
        await finishRun(ctx, run);
      }
      throw error;
    }
  });
}

/**
 * Runs the deploy steps into `run`. Bad input found before anything was applied is thrown;
 * every other failure becomes the run's error (a failed result, recorded).
 */
export async function runStepsOrFail(
  ctx: EngineContext,
  spec: Parameters<typeof runDeploySteps>[1],
  run: DeployRun,
  options: DeployOptions,
): Promise<void> {
  try {
    await runDeploySteps(ctx, spec, run, options);
  } catch (error) {
    if (isNopeaError(error) && INPUT_CODES.has(error.code) && run.outcomes.length === 0) {
      throw error;
    }
    failRun(run, error);
  }
  markRefusal(run);
}

/** A failure before anything changed in the cluster, for a refusal code, is a refusal. */
function markRefusal(run: DeployRun): void {
  if (run.status !== "failed" || !run.error || !REFUSAL_CODES.has(run.error.code)) return;
  const changed = run.outcomes.some((o) => o.action === "created" || o.action === "configured");
  if (!changed) run.status = "refused";
}
