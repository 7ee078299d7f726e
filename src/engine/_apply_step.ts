/** The apply step of a deploy: preflight (nothing applied if any object is refused), then apply. */
import { applyGroups, type ApplyOutcome, liveObjects, preflight } from "../apply/mod.ts";
import type { ResourceOutcome } from "../deploys/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import type { DeployPlan } from "../plan/mod.ts";
import { waitReady } from "../readiness/mod.ts";
import { isNopeaError, NopeaError, toErrorBody } from "../shared/mod.ts";
import type { CheckedSpec } from "./_checked_spec.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastAppliedHashes } from "./_memory_inputs.ts";
import type { DeployOptions } from "./types.ts";

type Spec = CheckedSpec;

/** Applies the plan; `undefined` when applying failed (the run then holds the error). */
export async function applyStep(
  ctx: EngineContext,
  spec: Spec,
  run: DeployRun,
  plan: DeployPlan & { objects: KubeObject[] },
  deadline: number,
  options: DeployOptions,
): Promise<ApplyOutcome | undefined> {
  const live = await liveObjects(ctx.deps.cluster, plan.objects);
  const lastHashes = await lastAppliedHashes(ctx.memory, spec.service, spec.namespace);
  const base = {
    force: spec.forceConflicts ?? false,
    adopt: spec.adopt ?? false,
    service: spec.service,
    concurrency: ctx.options.applyConcurrency,
    lastHashes,
    // A dry run touches no memory, not even to create the store's masking key.
    ...(spec.dryRun ? {} : { masker: await ctx.memory.secretMasker() }),
  };
  // 4a. Preflight: a refused or invalid object stops the deploy before anything is applied.
  if (!spec.dryRun) {
    const refused = await preflight(ctx.deps.cluster, plan.objects, live, {
      ...base,
      ...(spec.locate ? { locate: spec.locate } : {}),
    }).then(() => undefined, (error: unknown) => error);
    if (refused !== undefined) return stopBeforeApplying(run, plan.objects, refused);
  }
  const applied = await applyGroups(
    ctx.deps.cluster,
    plan.groups.map((g) => g.objects.map((o) => o.object)),
    live,
    {
      ...base,
      dryRun: spec.dryRun ?? false,
      onApplied: (outcome) => options.onEvent?.({ type: "applied", outcome }),
      ...(options.signal ? { signal: options.signal } : {}),
      afterGroup: async (group, index) => {
        await ctx.lock?.renew();
        await awaitEstablished(ctx, plan.groups[index]?.awaitEstablished ?? false, group, deadline);
      },
    },
  );
  run.outcomes = applied.outcomes;
  if (!applied.error) return applied;
  failRun(run, applied.error, applied.outcomes.find((o) => o.action === "failed")?.key);
  return undefined;
}

/**
 * Preflight stopped the deploy: an invalid manifest is thrown as bad input (nothing recorded);
 * any other refusal or fault fails the run with the object concerned as failed and every
 * object as not applied.
 */
function stopBeforeApplying(
  run: DeployRun,
  objects: readonly KubeObject[],
  error: unknown,
): undefined {
  if (isNopeaError(error) && error.code === "MANIFEST_INVALID") throw error;
  const body = toErrorBody(error);
  const resource = typeof body.details?.["resource"] === "string"
    ? body.details["resource"]
    : undefined;
  run.outcomes = objects.map((obj): ResourceOutcome => {
    const key = formatKey(keyOf(obj));
    return key === resource ? { ...keyOf(obj), key, action: "failed", error: body } : {
      ...keyOf(obj),
      key,
      action: "skipped",
      message: "not applied: the deploy stopped before applying",
    };
  });
  failRun(run, error, resource);
  return undefined;
}

/** After the CRD group: wait until each CRD is Established, so its custom resources can apply. */
async function awaitEstablished(
  ctx: EngineContext,
  needed: boolean,
  group: readonly KubeObject[],
  deadline: number,
): Promise<void> {
  if (!needed) return;
  const outcome = await waitReady(ctx.deps.cluster, group.map(keyOf), {
    timeoutMs: Math.max(0, Math.min(deadline - ctx.deps.clock.now(), 60_000)),
    toleranceMs: ctx.options.podProblemToleranceMs,
    clock: ctx.deps.clock,
    sleep: ctx.deps.sleep,
  });
  if (outcome.status !== "ready") {
    const pending = outcome.resources.filter((r) => r.state !== "ready").map((r) => r.key);
    throw new NopeaError(
      "DEPLOY_TIMEOUT",
      `CustomResourceDefinitions did not become Established: ${pending.join(", ")}`,
      {
        hint: "Check the CRDs' status conditions (kubectl get crd NAME -o yaml)",
      },
    );
  }
}
