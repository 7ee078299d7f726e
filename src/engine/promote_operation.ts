/** engine.promote: promotes a progressive deploy, follows it to its next stop, records where it got. */
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import type { ClusterPort } from "../kube/mod.ts";
import type { ResourceKey } from "../manifests/mod.ts";
import type { Memory } from "../memory/mod.ts";
import {
  type MonitorOptions,
  monitorRollout,
  promoteRollout,
  type RolloutOutcome,
  rolloutViewOf,
} from "../progressive/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { withDeployLock } from "./_locked.ts";
import { lastWholeDeploy } from "./_last_applied.ts";
import { finishRun } from "./_record_run.ts";
import { runOfRecord } from "./_resume_run.ts";
import { endRun, monitorOptionsOf, rolloutKey } from "./rollout_steps.ts";
import type { DeployOptions, PromoteTarget } from "./types.ts";

const STATUS_WORDS: Record<DeployRecord["status"], string> = {
  completed: "completed",
  failed: "failed",
  rolledback: "was rolled back",
  progressing: "is progressing",
  refused: "was refused",
};

function notFound(message: string, service?: string): NopeaError {
  return new NopeaError("DEPLOY_NOT_FOUND", message, {
    hint: "Only a canary or blue-green deploy that is still progressing can be promoted; " +
      `see "nopea history ${service ?? "<service>"}"`,
  });
}

async function byId(memory: Memory, deployId: string, service?: string) {
  const services = service ? [service] : (await memory.services()).map((s) => s.service);
  for (const name of services) {
    const history = await memory.history(name, { limit: 50 });
    const record = history.find((r) => r.deployId === deployId);
    if (record) return { record, latest: lastWholeDeploy(history) ?? record };
  }
  throw notFound(`Cannot promote deploy "${deployId}": memory has no deploy with that id`, service);
}

/** The progressing deploy a promote targets, or `DEPLOY_NOT_FOUND` saying why there is none. */
async function findProgressing(memory: Memory, target: PromoteTarget): Promise<DeployRecord> {
  if (target.deployId === undefined) {
    if (target.service === undefined) {
      throw new NopeaError("SPEC_INVALID", "Cannot promote: name a deploy id or a service", {
        hint: "Pass the deploy id printed by the deploy, or the service's name",
      });
    }
    const history = await memory.history(target.service, { limit: 20 });
    const latest = lastWholeDeploy(
      target.namespace === undefined
        ? history
        : history.filter((r) => r.namespace === target.namespace),
    );
    const service = `service "${target.service}"`;
    if (!latest) throw notFound(`Cannot promote ${service}: memory has no deploy of it`);
    if (latest.status !== "progressing") {
      throw notFound(
        `Cannot promote ${service}: nothing is progressing (its last deploy "${latest.deployId}" ${
          STATUS_WORDS[latest.status]
        })`,
        target.service,
      );
    }
    return latest;
  }
  const { record, latest } = await byId(memory, target.deployId, target.service);
  const what = `Cannot promote deploy "${record.deployId}" of service "${record.service}"`;
  if (record.status !== "progressing") {
    throw notFound(`${what}: it ${STATUS_WORDS[record.status]}`, record.service);
  }
  if (latest.deployId !== record.deployId) {
    throw notFound(`${what}: deploy "${latest.deployId}" superseded it`, record.service);
  }
  return record;
}

/** The Rollout a recorded progressive deploy applied. */
export function rolloutKeyOfRecord(record: DeployRecord): ResourceKey {
  const r = record.resources.find((x) => x.kind === "Rollout");
  return rolloutKey(r?.namespace ?? record.namespace, r?.name ?? record.service);
}

/**
 * Promotes the Rollout now, then follows it to its next stop. A Rollout that already completed
 * or failed is not touched: a promote on a Failed canary would move it on.
 */
export async function promoteAndFollow(
  cluster: ClusterPort,
  key: ResourceKey,
  monitor: MonitorOptions,
): Promise<RolloutOutcome> {
  const live = await cluster.get(key);
  if (!live) return { stop: "missing", elapsedMs: 0 };
  const view = rolloutViewOf(live);
  if (view.phase === "Completed" || view.phase === "Failed") {
    return { stop: view.phase === "Completed" ? "completed" : "failed", view, elapsedMs: 0 };
  }
  const promoted = await promoteRollout(cluster, key, monitor);
  if (promoted.stop !== "matched") return promoted;
  const maxMs = Math.max(0, monitor.maxMs - promoted.elapsedMs);
  return await monitorRollout(cluster, key, { ...monitor, maxMs });
}

/**
 * `engine.promote`: finds the progressing deploy (by id, or the service's last deploy), sets
 * `kulta.io/promote`, removes it once KULTA moved, follows the Rollout to completion, failure or
 * the next pause, and records that outcome under the same deploy id.
 *
 * @throws {NopeaError} `DEPLOY_NOT_FOUND` when nothing is progressing; `SPEC_INVALID` without a target.
 */
export async function runPromote(
  ctx: EngineContext,
  target: PromoteTarget,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const found = await findProgressing(ctx.memory, target);
  return await ctx.queue.run(found.service, async () => {
    const record = await findProgressing(ctx.memory, {
      deployId: found.deployId,
      service: found.service,
    });
    const { service, namespace, deployId } = record;
    return await withDeployLock(ctx, { service, namespace, deployId }, async (ctx) => {
      const run = await runOfRecord(ctx, record);
      const key = rolloutKeyOfRecord(record);
      const monitor = monitorOptionsOf(ctx, options);
      endRun(run, key, await promoteAndFollow(ctx.deps.cluster, key, monitor), monitor.maxMs);
      return await finishRun(ctx, run, {
        ...(record.manifestsHash ? { manifestsHash: record.manifestsHash } : {}),
      });
    });
  });
}
