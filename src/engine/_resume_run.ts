/** runOfRecord: a run that goes on with a recorded deploy (promote, an in-flight rollback). */
import type { DeployRecord } from "../deploys/mod.ts";
import { type DeployRun, newRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";

/** A run that continues a recorded deploy: same id, start, strategy and resources. */
export async function runOfRecord(ctx: EngineContext, record: DeployRecord): Promise<DeployRun> {
  const run = newRun({
    deployId: record.deployId,
    service: record.service,
    namespace: record.namespace,
    dryRun: false,
    startedAt: Date.parse(record.startedAt),
  });
  run.context = await ctx.memory.context(record.service, record.namespace, {
    canaryThreshold: ctx.options.canaryThreshold,
  });
  run.strategy = record.strategy;
  run.strategyReasons = [...record.strategyReasons];
  run.images = [...record.images];
  run.dependsOn = [...record.dependsOn];
  run.verified = record.verified;
  run.outcomes = record.resources.map((r) => ({ ...r }));
  if (record.rollbackOf) run.rollbackOf = record.rollbackOf;
  run.operation = record.operation ?? "deploy";
  return run;
}
