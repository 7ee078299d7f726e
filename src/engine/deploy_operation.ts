/** engine.deploy: validates the spec, serializes per service, runs the steps, records the end. */
import { prepareLock } from "../lock/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import type { DeployResult } from "../deploys/mod.ts";
import { failRun, newRun } from "./_deploy_run.ts";
import { checkSpec } from "./_checked_spec.ts";
import type { EngineContext } from "./_engine_context.ts";
import { withDeployLock } from "./_locked.ts";
import { finishRun } from "./_record_run.ts";
import { runStepsOrFail } from "./_steps_or_fail.ts";
import { runRollback } from "./rollback_operation.ts";
import type { DeployOptions, DeploySpec } from "./types.ts";

/**
 * Deploys a spec. Bad input throws (`SPEC_INVALID`, `MANIFEST_*`, `KUBE_NOT_FOUND_KIND`) before
 * anything is applied; a refusal of the cluster before anything changed is a `refused` result;
 * every other failure is a `failed` result. Both are recorded in memory.
 */
async function deployOnce(
  ctx: EngineContext,
  raw: DeploySpec,
  options: DeployOptions = {},
): Promise<DeployResult> {
  // The deploy lock's first request (discovery of Leases, opening the connection) goes out
  // while the manifests are read; a failure is left for the lock itself to report.
  if (!raw.dryRun) prepareLock(ctx.deps.cluster);
  const spec = await checkSpec(raw, ctx);
  return await ctx.queue.run(spec.service, async () => {
    const deployId = ctx.deps.ids.next();
    const { service, namespace } = spec;
    const dryRun = spec.dryRun ?? false;
    const run = newRun({ deployId, service, namespace, dryRun, startedAt: ctx.deps.clock.now() });
    if (spec.trigger) run.trigger = spec.trigger;
    if (spec.source) run.source = spec.source;
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
 * Deploys a spec (see {@linkcode deployOnce}); with `atomic`, a deploy that failed after
 * changing the cluster is rolled back to the last completed deploy at once, and the result
 * carries that rollback.
 */
export async function runDeploy(
  ctx: EngineContext,
  raw: DeploySpec,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const result = await deployOnce(ctx, raw, options);
  if (raw.dryRun || result.status !== "failed") return result;
  if (!raw.atomic) return withRollbackAdvice(result);
  try {
    const rollback = await runRollback(ctx, { service: result.service }, options);
    return { ...result, rollback };
  } catch (error) {
    const message = isNopeaError(error) ? error.message : String(error);
    return {
      ...result,
      warnings: [...result.warnings, `--atomic could not roll back: ${message}`],
    };
  }
}

/** A failed deploy says which objects are now at the new version, and how to roll back. */
function withRollbackAdvice(result: DeployResult): DeployResult {
  const changed = result.resources.filter((r) =>
    r.action === "created" || r.action === "configured"
  );
  if (changed.length === 0) return result;
  const keys = changed.slice(0, 10).map((r) => r.key).join(", ");
  const more = changed.length > 10 ? ` and ${changed.length - 10} more` : "";
  return {
    ...result,
    warnings: [
      ...result.warnings,
      `Now at the new version: ${keys}${more}. Roll back with \`nopea rollback ${result.service}\`, ` +
      "or deploy with --atomic to roll back by itself",
    ],
  };
}
