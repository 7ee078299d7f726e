/**
 * finishRun: the one way every operation (deploy, rollback, promote, heal) ends — the run
 * becomes a result, memory records it (dry runs excepted), its CDEvent goes out.
 */
import { type DeployResult, recordOf } from "../deploys/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import { emitDeployEvent } from "./_cd_events.ts";
import { type DeployRun, resultOf } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";

/** What `finishRun` records besides the run. */
export interface FinishOptions {
  /** The applied objects, stored for later rollbacks. @default the objects the run planned */
  manifests?: readonly KubeObject[];
  /** Or the hash of a set memory already holds (a promotion goes on with the same set). */
  manifestsHash?: string;
}

/**
 * Ends a run: a completed rollback becomes `rolledback`; the result is recorded in memory (a
 * record with the same deploy id replaces the earlier one) and announced. The result carries
 * what memory stored (the manifest set's hash, the error class). Recording failures are
 * warnings on the result.
 */
export async function finishRun(
  ctx: EngineContext,
  run: DeployRun,
  finish: FinishOptions = {},
): Promise<DeployResult> {
  if (run.rollbackOf && (run.status ?? "completed") === "completed") run.status = "rolledback";
  const result = resultOf(run, ctx.deps.clock.now());
  if (run.dryRun) return result;
  const recorded = await record(ctx, run, result, finish);
  await emitDeployEvent(ctx, run, recorded);
  return recorded;
}

async function record(
  ctx: EngineContext,
  run: DeployRun,
  result: DeployResult,
  finish: FinishOptions,
): Promise<DeployResult> {
  const planned = run.groups.flatMap((g) => g.objects.map((o) => o.object));
  const manifests = finish.manifests ??
    (finish.manifestsHash || planned.length === 0 ? undefined : planned);
  try {
    const occurrence = await ctx.memory.record(
      {
        ...recordOf(result),
        ...(!manifests && finish.manifestsHash ? { manifestsHash: finish.manifestsHash } : {}),
      },
      { ...(run.context ? { context: run.context } : {}), ...(manifests ? { manifests } : {}) },
    );
    return { ...occurrence.data.record, dryRun: result.dryRun, drift: result.drift };
  } catch (error) {
    const message = isNopeaError(error) ? error.message : String(error);
    result.warnings.push(`The deploy was not recorded in memory: ${message}`);
    ctx.deps.log.log("error", "recording the deploy failed", {
      deployId: result.deployId,
      error: message,
    });
    return result;
  }
}
