/** engine.rollback: back to the last good deploy (or a named one), from the manifests memory kept. */
import type { ClusterPort } from "../kube/mod.ts";
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import { isDns1123Label, keyOf, type KubeObject } from "../manifests/mod.ts";
import { hasMaskedValues } from "../secrets/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { newRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { isWholeDeploy } from "./_last_applied.ts";
import { withDeployLock } from "./_locked.ts";
import { finishRun } from "./_record_run.ts";
import { rollbackInFlight, type RollbackOptions } from "./_rollback_in_flight.ts";
import { runStepsOrFail } from "./_steps_or_fail.ts";
import type { RollbackRequest } from "./requests.ts";
import type { DeployOptions } from "./types.ts";

const NOT_DONE: Record<DeployRecord["status"], string> = {
  completed: "completed",
  failed: "failed",
  rolledback: "was rolled back",
  progressing: "is still progressing",
  refused: "was refused",
};

function rollbackError(code: "DEPLOY_NOT_FOUND" | "SPEC_INVALID", message: string, hint: string) {
  return new NopeaError(code, message, { hint });
}

/** The newest completed deploy of a git commit (`nopea watch` deploys; 7+ hex digits of it). */
function ofCommit(history: readonly DeployRecord[], commit: string): DeployRecord | undefined {
  if (!/^[0-9a-f]{7,40}$/i.test(commit)) return undefined;
  const ofIt = history.filter((r) => r.source?.commit.startsWith(commit.toLowerCase()));
  return ofIt.find((r) => r.status === "completed") ?? ofIt[0];
}

/** The completed deploy to go back to: `to`, else the last completed one before the current. */
function targetOf(history: readonly DeployRecord[], service: string, to?: string): DeployRecord {
  const list = `see "nopea history ${service}"`;
  if (to !== undefined) {
    const named = history.find((r) => r.deployId === to) ?? ofCommit(history, to);
    const what = `Cannot roll back service "${service}" to deploy "${to}"`;
    if (!named) {
      throw rollbackError(
        "DEPLOY_NOT_FOUND",
        `${what}: memory has no such deploy of it`,
        `Pick a deploy id: ${list}`,
      );
    }
    if (named.status !== "completed" || named.operation === "delete") {
      throw rollbackError(
        "SPEC_INVALID",
        `${what}: that deploy ${NOT_DONE[named.status]}, it did not complete`,
        `Pick a completed deploy: ${list}`,
      );
    }
    return named;
  }
  // After a delete, the last completed deploy is what a rollback restores.
  const earlier = history[0]?.operation === "delete" ? history : history.slice(1);
  const good = earlier.find((r) => r.status === "completed" && r.operation !== "delete");
  if (!good) {
    throw rollbackError(
      "DEPLOY_NOT_FOUND",
      `Cannot roll back service "${service}": no earlier completed deploy to roll back to`,
      `Deploy a fixed version instead, or name a deploy with --to (${list})`,
    );
  }
  return good;
}

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
async function redeploy(
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

/**
 * `engine.rollback`: a progressive deploy in flight ends `rolledback` with its Rollout back on
 * the last good template; otherwise the good deploy's stored manifests go through the deploy
 * pipeline again (Secrets memory could not store are kept live, or refused when gone). The
 * result (and record) is `rolledback` with `rollbackOf` when it worked.
 *
 * @throws {NopeaError} `DEPLOY_NOT_FOUND` with nothing to roll back to; `SPEC_INVALID` for a bad
 * service or target, or a stored Secret that no longer exists live.
 */
export async function runRollback(
  ctx: EngineContext,
  request: RollbackRequest,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const { service, ...asked } = request;
  const all: RollbackOptions = { ...options, ...asked };
  if (!isDns1123Label(service)) {
    throw rollbackError(
      "SPEC_INVALID",
      `Invalid service name "${service}": it must be a DNS-1123 label`,
      "Pass the service's name as deployed",
    );
  }
  return await ctx.queue.run(service, async () => {
    // Heals and refusals are not versions of the service: nothing to roll back to or from.
    // A service in several namespaces rolls back in one: the one named, else its latest deploy's.
    const versions = (await ctx.memory.history(service, { limit: 50 })).filter(isWholeDeploy);
    const namespace = request.namespace ?? versions[0]?.namespace;
    const history = versions.filter((r) => r.namespace === namespace);
    const latest = history[0];
    if (!latest) {
      throw rollbackError(
        "DEPLOY_NOT_FOUND",
        `Cannot roll back service "${service}": memory has no deploy of it`,
        "Deploy it first; a rollback re-applies a deploy recorded in memory",
      );
    }
    const target = targetOf(history, service, all.to);
    const good = target.manifestsHash
      ? await ctx.memory.manifests(target.manifestsHash)
      : undefined;
    if (!good) {
      throw rollbackError(
        "DEPLOY_NOT_FOUND",
        `Cannot roll back service "${service}" to deploy "${target.deployId}": its manifests are no longer in memory, or unreadable (see the warning above)`,
        "Memory keeps the manifests of the last 20 deploys of a service; deploy that version from its files",
      );
    }
    if (latest.status !== "progressing" || latest.strategy === "direct") {
      return await redeploy(ctx, target, good, all);
    }
    const lock = { service, namespace: latest.namespace, deployId: latest.deployId };
    return await withDeployLock(
      ctx,
      lock,
      (ctx) => rollbackInFlight(ctx, latest, target, good, all),
    );
  });
}
