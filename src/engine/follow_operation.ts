/**
 * engine.follow: the background Rollout monitor's step. A service whose last deploy is still
 * `progressing` (a `--no-wait` canary or blue-green, started by anyone) has its Rollout read
 * once; when KULTA finished it (`Completed` or `Failed`), the record is completed under the same
 * deploy id, as `promote` would have recorded it. A Rollout still under way is left alone.
 */
import type { DeployResult } from "../deploys/mod.ts";
import { rolloutViewOf } from "../progressive/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastWholeDeploy } from "./_last_applied.ts";
import { withDeployLock } from "./_locked.ts";
import { finishRun } from "./_record_run.ts";
import { runOfRecord } from "./_resume_run.ts";
import { rolloutKeyOfRecord } from "./promote_operation.ts";
import { endRun, monitorOptionsOf } from "./rollout_steps.ts";
import type { ServiceQuery } from "./requests.ts";

/** The progressing deploy of a service, if its last deploy is one. */
async function progressingOf(ctx: EngineContext, query: ServiceQuery) {
  const history = await ctx.memory.history(query.service, { limit: 20 });
  const mine = query.namespace === undefined
    ? history
    : history.filter((r) => r.namespace === query.namespace);
  const latest = lastWholeDeploy(mine);
  return latest?.status === "progressing" && latest.strategy !== "direct" ? latest : undefined;
}

/**
 * Completes the record of a service's progressing deploy whose Rollout has finished.
 *
 * @returns The completed (or failed) result, or `undefined` when nothing was progressing or the
 * Rollout is still under way.
 */
export async function runFollow(
  ctx: EngineContext,
  query: ServiceQuery,
): Promise<DeployResult | undefined> {
  const found = await progressingOf(ctx, query);
  if (!found) return undefined;
  const key = rolloutKeyOfRecord(found);
  const live = await ctx.deps.cluster.get(key);
  const view = live ? rolloutViewOf(live) : undefined;
  if (view && view.phase !== "Completed" && view.phase !== "Failed") return undefined;
  return await ctx.queue.run(found.service, async () => {
    const record = await progressingOf(ctx, { service: found.service, namespace: found.namespace });
    if (record?.deployId !== found.deployId) return undefined;
    const { service, namespace, deployId } = record;
    return await withDeployLock(ctx, { service, namespace, deployId }, async (ctx) => {
      const run = await runOfRecord(ctx, record);
      const monitor = monitorOptionsOf(ctx, {});
      const stop = !view ? "missing" : view.phase === "Completed" ? "completed" : "failed";
      endRun(run, key, { stop, ...(view ? { view } : {}), elapsedMs: 0 }, monitor.maxMs);
      return await finishRun(ctx, run, {
        ...(record.manifestsHash ? { manifestsHash: record.manifestsHash } : {}),
      });
    });
  });
}
