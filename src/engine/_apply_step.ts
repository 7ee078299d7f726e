/** The apply step of a deploy: preflight (nothing applied if any object is refused), then apply. */
import { applyGroups, type ApplyOutcome, liveObjects, preflight } from "../apply/mod.ts";
import type { ResourceOutcome } from "../deploys/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import type { DeployPlan } from "../plan/mod.ts";
import { waitReady } from "../readiness/mod.ts";
import { isNopeaError, NopeaError, toErrorBody } from "../shared/mod.ts";
import type { AnswerChecks } from "./_answers.ts";
import type { CheckedSpec } from "./_checked_spec.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastAppliedObjects } from "./_memory_inputs.ts";
import type { DeployOptions } from "./types.ts";

type Spec = CheckedSpec;

/**
 * Applies the plan; `undefined` when applying failed (the run then holds the error). Each answer
 * goes through `checks` as it arrives (verified, then only what readiness reads kept).
 */
export async function applyStep(
  ctx: EngineContext,
  spec: Spec,
  run: DeployRun,
  plan: DeployPlan & { objects: KubeObject[] },
  deadline: number,
  options: DeployOptions,
  checks: AnswerChecks,
): Promise<ApplyOutcome | undefined> {
  // Live state is read while memory is and preflight starts (awaited below, so never unhandled).
  const reading = liveObjects(ctx.deps.cluster, plan.objects);
  reading.catch(() => {});
  const [lastApplied, masker] = await Promise.all([
    lastAppliedObjects(ctx.memory, spec.service, spec.namespace),
    // A dry run touches no memory, not even to create the store's masking key.
    spec.dryRun ? undefined : ctx.memory.secretMasker(),
  ]);
  const base = {
    force: spec.forceConflicts ?? false,
    adopt: spec.adopt ?? false,
    service: spec.service,
    concurrency: ctx.options.applyConcurrency,
    lastApplied,
    ...(masker ? { masker } : {}),
  };
  // 4a. Preflight: a refused or invalid object stops the deploy before anything is applied.
  if (!spec.dryRun) {
    const refused = await preflight(ctx.deps.cluster, plan.objects, reading, {
      ...base,
      ...(spec.locate ? { locate: spec.locate } : {}),
    }).then(() => undefined, (error: unknown) => error);
    // A failed read of live state is thrown as it is, not taken for a refusal.
    if (refused !== undefined && (await reading)) {
      return stopBeforeApplying(run, plan.objects, refused);
    }
  }
  const waves = applyWaves(plan.groups);
  const applied = await applyGroups(
    ctx.deps.cluster,
    waves.map((wave) => wave.objects),
    await reading,
    {
      ...base,
      dryRun: spec.dryRun ?? false,
      keep: checks.keep,
      onApplied: (outcome) => options.onEvent?.({ type: "applied", outcome }),
      ...(options.signal ? { signal: options.signal } : {}),
      afterGroup: async (group, index) => {
        await ctx.lock?.renew();
        await awaitEstablished(ctx, waves[index]?.awaitEstablished ?? false, group, deadline);
      },
    },
  );
  run.outcomes = applied.outcomes;
  if (!applied.error) return applied;
  failRun(run, applied.error, applied.outcomes.find((o) => o.action === "failed")?.key);
  return undefined;
}

/** Objects applied together, and whether they must be Established before the next wave. */
interface Wave {
  objects: KubeObject[];
  awaitEstablished: boolean;
  barrier: boolean; // namespaces, CRDs and webhooks are a wave of their own
}

/**
 * Only the ordering that is needed: namespaces first, then CRDs (until Established), then every
 * other object at once, and admission webhooks last (so they cannot refuse the deploy's own
 * objects). The plan's other group boundaries are not barriers.
 */
function applyWaves(groups: DeployPlan["groups"]): Wave[] {
  const waves: Wave[] = [];
  for (const group of groups) {
    const objects = group.objects.map((o) => o.object);
    const barrier = ["namespaces", "crds", "webhooks"].includes(group.name);
    const last = waves.at(-1);
    if (!barrier && last && !last.barrier) last.objects.push(...objects);
    else waves.push({ objects, awaitEstablished: group.awaitEstablished, barrier });
  }
  return waves;
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
