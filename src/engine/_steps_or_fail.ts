/** runStepsOrFail: the deploy steps, with every failure but bad input turned into the run's error. */
import { REFUSAL_CODES } from "../deploys/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { runDeploySteps } from "./deploy_steps.ts";
import type { DeployOptions } from "./types.ts";

/** Bad input: thrown (exit 2, nothing recorded) when found before anything was applied. */
const INPUT_CODES = new Set([
  "SPEC_INVALID",
  "MANIFEST_PARSE",
  "MANIFEST_INVALID",
  "KUBE_NOT_FOUND_KIND",
  "KULTA_NOT_INSTALLED",
]);

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
