/** engine.rollback: back to the last good deploy (or a named one), from the manifests memory kept. */
import type { DeployResult } from "../deploys/mod.ts";
import { isDns1123Label } from "../manifests/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { isWholeDeploy } from "./_last_applied.ts";
import { withDeployLock } from "./_locked.ts";
import { rollbackInFlight, type RollbackOptions } from "./_rollback_in_flight.ts";
import { redeploy } from "./_rollback_redeploy.ts";
import { rollbackError, targetOf } from "./_rollback_target.ts";
import type { RollbackRequest } from "./requests.ts";
import type { DeployOptions } from "./types.ts";

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
  return await ctx.queue.run(service, () => rollbackService(ctx, service, request.namespace, all));
}

/** The rollback itself, in the service's turn of the queue. */
async function rollbackService(
  ctx: EngineContext,
  service: string,
  namedNamespace: string | undefined,
  all: RollbackOptions,
): Promise<DeployResult> {
  // Heals and refusals are not versions of the service: nothing to roll back to or from.
  // A service in several namespaces rolls back in one: the one named, else its latest deploy's.
  const versions = (await ctx.memory.history(service, { limit: 50 })).filter(isWholeDeploy);
  const namespace = namedNamespace ?? versions[0]?.namespace;
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
  const good = target.manifestsHash ? await ctx.memory.manifests(target.manifestsHash) : undefined;
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
}
