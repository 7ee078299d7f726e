/**
 * Pruning: what Nopea last applied of a service and the new manifests no longer hold is deleted
 * once the new objects are ready (objects another manager took over, or annotated
 * `nopea.io/prune: disabled`, and Namespaces and CRDs stay).
 */
import { type RemovalSelection, removeObjects, selectRemovals } from "../apply/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import type { DeployRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastApplied } from "./_last_applied.ts";
import type { DeployOptions } from "./types.ts";

/** The objects of the service that `desired` no longer holds, and which of them may go. */
export async function pruneSelection(
  ctx: EngineContext,
  service: string,
  namespace: string,
  desired: readonly KubeObject[],
): Promise<RemovalSelection> {
  // Only what the service's deploys to this namespace applied: another namespace is its own.
  const last = await lastApplied(ctx.memory, service, namespace);
  const keep = new Set(desired.map((o) => formatKey(keyOf(o))));
  const candidates = [...(last?.objects ?? new Map()).entries()]
    .filter(([key]) => !keep.has(key))
    .map(([, object]) => object);
  if (candidates.length === 0) return { remove: [], skipped: [] };
  return await selectRemovals(ctx.deps.cluster, candidates, { service });
}

/** Step 7 of a deploy: deletes what was pruned, recording each as `deleted`; never fails it. */
export async function pruneStep(
  ctx: EngineContext,
  run: DeployRun,
  desired: readonly KubeObject[],
  options: DeployOptions,
  how: { dryRun?: boolean } = {},
): Promise<void> {
  try {
    const { remove, skipped } = await pruneSelection(ctx, run.service, run.namespace, desired);
    for (const s of skipped) run.warnings.push(`Not pruned: ${s.key}: ${s.reason}`);
    const outcomes = await removeObjects(ctx.deps.cluster, remove, {
      concurrency: ctx.options.applyConcurrency,
      ...(how.dryRun ? { dryRun: true } : {}),
    });
    for (const outcome of outcomes) options.onEvent?.({ type: "applied", outcome });
    run.outcomes.push(...outcomes);
  } catch (error) {
    const message = isNopeaError(error) ? error.message : String(error);
    run.warnings.push(
      `Pruning failed; the new version is ready, old objects may remain: ${message}`,
    );
  }
}
