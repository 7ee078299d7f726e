/** engine.deploy: validates the spec, serializes per service, runs the steps, records the end. */
import { isNopeaError } from "../shared/mod.ts";
import type { DeployResult } from "../deploys/mod.ts";
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
 * anything is applied; every other failure is a `failed` result, recorded in memory.
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
    // A deploy another machine runs throws DEPLOY_IN_PROGRESS here: it is not a deploy, not recorded.
    return await withDeployLock(ctx, { service, namespace, deployId, dryRun }, async (ctx) => {
      const startedAt = ctx.deps.clock.now();
      const run = newRun({ deployId, service, namespace, dryRun, startedAt });
      await runStepsOrFail(ctx, spec, run, options);
      return await finishRun(ctx, run);
    });
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
}
