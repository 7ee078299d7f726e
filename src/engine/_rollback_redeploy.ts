/** Rolling back by deploying again: the good deploy's stored manifests go through the pipeline. */
import type { ClusterPort } from "../kube/mod.ts";
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import { keyOf, type KubeObject } from "../manifests/mod.ts";
import { hasMaskedValues } from "../secrets/mod.ts";
import { newRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { withDeployLock } from "./_locked.ts";
import { finishRun } from "./_record_run.ts";
import type { RollbackOptions } from "./_rollback_in_flight.ts";
import { rollbackError } from "./_rollback_target.ts";
import { runStepsOrFail } from "./_steps_or_fail.ts";

/** Drops stored Secrets (their values are hashes) whose live Secret exists; refuses the others. */
async function keepLiveSecrets(
  cluster: ClusterPort,
  objects: readonly KubeObject[],
  target: DeployRecord,
) {
  const kept: KubeObject[] = [];
  const warnings: string[] = [];
  for (const o of objects) {
    if (!hasMaskedValues(o)) {
      kept.push(o);
      continue;
    }
    const ns = o.metadata.namespace ? ` in namespace "${o.metadata.namespace}"` : "";
    const secret = `Secret "${o.metadata.name}"${ns}`;
    if (!(await cluster.get(keyOf(o)))) {
      throw rollbackError(
        "SPEC_INVALID",
        `Cannot roll back service "${target.service}" to deploy "${target.deployId}": ${secret} no longer exists and memory keeps no Secret values`,
        `Create the Secret "${o.metadata.name}" again, then run the rollback again`,
      );
    }
    warnings.push(`${secret} is kept as it is live: memory keeps no Secret values to re-apply`);
  }
  return { kept, warnings };
}

/** A completed (or failed) deploy: re-applies the good deploy's manifests through the pipeline. */
export async function redeploy(
  ctx: EngineContext,
  target: DeployRecord,
  objects: readonly KubeObject[],
  options: RollbackOptions,
): Promise<DeployResult> {
  const { kept, warnings } = await keepLiveSecrets(ctx.deps.cluster, objects, target);
  const deployId = ctx.deps.ids.next();
  const { service, namespace } = target;
  return await withDeployLock(
    ctx,
    { service, namespace, deployId },
    (ctx) => reapplyTarget(ctx, deployId, target, kept, warnings, options),
  );
}

/** The redeploy itself, holding the deploy lock. */
async function reapplyTarget(
  ctx: EngineContext,
  deployId: string,
  target: DeployRecord,
  kept: readonly KubeObject[],
  warnings: readonly string[],
  options: RollbackOptions,
): Promise<DeployResult> {
  const run = newRun({
    deployId,
    service: target.service,
    namespace: target.namespace,
    dryRun: false,
    startedAt: ctx.deps.clock.now(),
  });
  run.warnings.push(...warnings);
  const spec = {
    service: target.service,
    namespace: target.namespace,
    manifests: kept,
    strategy: target.strategy,
    timeoutMs: ctx.options.timeoutMs,
    ...(options.wait === false ? { wait: false } : {}),
  };
  await runStepsOrFail(ctx, spec, run, options);
  run.strategyReasons = [
    `rolling back to deploy "${target.deployId}", which used the ${target.strategy} strategy`,
    ...run.strategyReasons.slice(1),
  ];
  run.rollbackOf = target.deployId;
  run.operation = "rollback";
  return await finishRun(ctx, run);
}
