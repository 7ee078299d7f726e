/** Rolling back a canary or blue-green deploy that is still in flight: its Rollout goes back. */
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import { formatKey, isPlainObject, keyOf, type KubeObject } from "../manifests/mod.ts";
import { withNopeaMetadata } from "../plan/mod.ts";
import { clearPromote, monitorRollout, restartRollout } from "../progressive/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { workloadOf } from "../strategy/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { finishRun } from "./_record_run.ts";
import { runOfRecord } from "./_resume_run.ts";
import { promoteAndFollow, rolloutKeyOfRecord } from "./promote_operation.ts";
import type { RollbackRequest } from "./requests.ts";
import { endRun, monitorOptionsOf } from "./rollout_steps.ts";
import type { DeployOptions } from "./types.ts";

/** A deploy's options with the request's target and wait. */
export type RollbackOptions = DeployOptions & Omit<RollbackRequest, "service">;

/** The in-flight Rollout with the good template, going straight to it (canary: one 100% step). */
function rollbackRollout(live: KubeObject, template: unknown, inFlight: DeployRecord): KubeObject {
  const spec = isPlainObject(live["spec"]) ? live["spec"] : {};
  const strategy = isPlainObject(spec["strategy"]) ? spec["strategy"] : {};
  const canary = strategy["canary"];
  const { analysis: _dropped, ...rest } = isPlainObject(canary) ? canary : {};
  const { name, namespace, labels } = live.metadata;
  return withNopeaMetadata({
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: {
      name: name ?? inFlight.service,
      ...(namespace ? { namespace } : {}),
      ...(labels ? { labels } : {}),
    },
    spec: {
      ...spec,
      template: structuredClone(template),
      strategy: isPlainObject(canary)
        ? { canary: { ...rest, steps: [{ setWeight: 100 }] } }
        : strategy,
    },
  }, { service: inFlight.service, deployId: inFlight.deployId });
}

/** A progressive deploy in flight: re-applies its Rollout with the good template; ends it rolledback. */
export async function rollbackInFlight(
  ctx: EngineContext,
  inFlight: DeployRecord,
  target: DeployRecord,
  good: readonly KubeObject[],
  options: RollbackOptions,
): Promise<DeployResult> {
  const { cluster } = ctx.deps;
  const key = rolloutKeyOfRecord(inFlight);
  const live = await cluster.get(key);
  if (!live) {
    throw new NopeaError(
      "DEPLOY_NOT_FOUND",
      `Cannot roll back service "${inFlight.service}": Rollout "${key.name}" of deploy "${inFlight.deployId}" no longer exists in namespace "${key.namespace}"`,
      { hint: "Deploy the version you want again" },
    );
  }
  const template = workloadOf(good, inFlight.service)["spec"];
  const desired = rollbackRollout(
    live,
    isPlainObject(template) ? template["template"] : {},
    inFlight,
  );
  const run = await runOfRecord(ctx, inFlight);
  await clearPromote(cluster, key);
  const stored = await cluster.apply(desired, { fieldManager: "nopea", force: false });
  if (stored.metadata.generation !== live.metadata.generation) await restartRollout(cluster, key);
  run.warnings.push(
    `Re-applied the pod template of deploy "${target.deployId}" to Rollout "${key.name}"`,
  );
  run.outcomes = run.outcomes.map((o) => o.kind === "Rollout" ? { ...o, action: "configured" } : o);
  const monitor = monitorOptionsOf(ctx, options);
  if (options.wait === false) run.status = "completed";
  else {
    let outcome = await monitorRollout(cluster, key, monitor);
    if (outcome.stop === "awaiting_promotion") {
      outcome = await promoteAndFollow(cluster, key, monitor);
    }
    endRun(run, key, outcome, monitor.maxMs);
  }
  run.rollbackOf = target.deployId;
  run.operation = "rollback";
  // What was applied: the in-flight set, with the Rollout as re-applied (the good template).
  const applied = inFlight.manifestsHash ? await ctx.memory.manifests(inFlight.manifestsHash) : [];
  const rolloutKey = formatKey(keyOf(desired));
  const manifests = (applied ?? []).map((o) => formatKey(keyOf(o)) === rolloutKey ? desired : o);
  return await finishRun(ctx, run, manifests.length > 0 ? { manifests } : {});
}
