/** engine.delete: removes a service's objects in reverse order, waits until gone, records it. */
import { removeObjects, selectRemovals } from "../apply/mod.ts";
import type { DeployResult } from "../deploys/mod.ts";
import { formatKey, isDns1123Label, keyOf, type KubeObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { type DeployRun, failRun, newRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastApplied } from "./_last_applied.ts";
import { deleteApplySet } from "./_applyset_step.ts";
import { withDeployLock } from "./_locked.ts";
import { finishRun } from "./_record_run.ts";
import type { DeleteRequest } from "./requests.ts";
import type { DeployOptions } from "./types.ts";

/** Waits until every object is gone from the cluster, or fails the run at the deadline. */
async function awaitGone(
  ctx: EngineContext,
  run: DeployRun,
  objects: readonly KubeObject[],
  deadline: number,
): Promise<void> {
  let left = [...objects];
  for (let wait = 250; left.length > 0; wait = Math.min(wait * 2, 2_000)) {
    const present = await Promise.all(left.map((o) => ctx.deps.cluster.get(keyOf(o))));
    left = left.filter((_, i) => present[i] !== undefined);
    if (left.length === 0) return;
    if (ctx.deps.clock.now() >= deadline) {
      const keys = left.map((o) => formatKey(keyOf(o)));
      failRun(
        run,
        new NopeaError(
          "DEPLOY_TIMEOUT",
          `Timed out waiting for ${keys.length} objects to go: ${keys.join(", ")}`,
          {
            hint:
              "Finalizers may hold them: check `kubectl get <kind> <name> -o yaml` (metadata.finalizers)",
            details: { remaining: keys },
          },
        ),
        keys[0],
      );
      return;
    }
    await ctx.deps.sleep(wait);
  }
}

/** The objects to delete, or `SERVICE_NOT_FOUND` when Nopea has applied nothing of the service. */
async function objectsOf(ctx: EngineContext, service: string, namespace: string | undefined) {
  const last = await lastApplied(ctx.memory, service, namespace);
  if (!last) {
    const where = namespace === undefined ? "" : ` in namespace "${namespace}"`;
    throw new NopeaError(
      "SERVICE_NOT_FOUND",
      `Nopea has applied nothing of service "${service}"${where}`,
      {
        hint: "Run `nopea services` to list the services Nopea has deployed",
      },
    );
  }
  return last;
}

/**
 * `engine.delete`: deletes the objects Nopea last applied of the service — workloads before
 * their configuration, Namespaces and CRDs only when asked, objects another manager took over
 * never — waits until they are gone and records the deletion (memory keeps the history).
 */
export async function runDelete(
  ctx: EngineContext,
  request: DeleteRequest,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const { service } = request;
  if (!isDns1123Label(service)) {
    throw new NopeaError("SPEC_INVALID", `Invalid service name "${service.slice(0, 64)}"`, {
      hint: "Pass the service's name as deployed (a DNS-1123 label)",
    });
  }
  return await ctx.queue.run(service, async () => {
    const last = await objectsOf(ctx, service, request.namespace);
    const { namespace } = last.record;
    const deployId = ctx.deps.ids.next();
    const dryRun = request.dryRun ?? false;
    return await withDeployLock(ctx, { service, namespace, deployId, dryRun }, async (ctx) => {
      const startedAt = ctx.deps.clock.now();
      const run = newRun({ deployId, service, namespace, dryRun, startedAt });
      run.operation = "delete";
      run.strategyReasons = [`deleting what Nopea last applied of "${service}"`];
      const { remove, skipped } = await selectRemovals(
        ctx.deps.cluster,
        [...last.objects.values()],
        {
          service,
          includeNamespaces: request.includeNamespaces ?? false,
          includeCrds: request.includeCrds ?? false,
        },
      );
      for (const s of skipped) run.warnings.push(`Not deleted: ${s.key}: ${s.reason}`);
      run.outcomes = await removeObjects(ctx.deps.cluster, remove, {
        concurrency: ctx.options.applyConcurrency,
        dryRun,
      });
      for (const outcome of run.outcomes) options.onEvent?.({ type: "applied", outcome });
      const timeoutMs = request.timeoutMs ?? ctx.options.timeoutMs;
      if (!dryRun) await awaitGone(ctx, run, remove, startedAt + timeoutMs);
      if (!dryRun && run.status === undefined) await deleteApplySet(ctx, run);
      return await finishRun(ctx, run);
    });
  });
}
