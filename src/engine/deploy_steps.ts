/** The deploy pipeline (DESIGN §1, STYLE R14): numbered steps, recording wraps the work. */
import { verifyApplied } from "../drift/mod.ts";
import { keyOf, type KubeObject } from "../manifests/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { type DeployPlan, imagesOf, planDeploy } from "../plan/mod.ts";
import { selectStrategy } from "../strategy/mod.ts";
import { applyGroups, type ApplyOutcome, liveObjects } from "../apply/mod.ts";
import { type ResourceProgress, type WaitOutcome, waitReady } from "../readiness/mod.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";
import { dependsOnOf, lastAppliedHashes } from "./_memory_inputs.ts";
import type { EngineContext } from "./_engine_context.ts";
import { waitForResources } from "./_wait_for.ts";
import { followRollout, prepareRollout } from "./rollout_steps.ts";
import type { CheckedSpec } from "./_checked_spec.ts";
import type { DeployOptions } from "./types.ts";

type Spec = CheckedSpec;

/**
 * Runs the deploy steps into `run` (DESIGN §1): context → strategy → plan → apply → wait →
 * verify. Every outcome lands in `run`; recording happens around it, in `runDeploy`.
 */
export async function runDeploySteps(
  ctx: EngineContext,
  spec: Spec,
  run: DeployRun,
  options: DeployOptions,
): Promise<void> {
  const deadline = run.startedAt + spec.timeoutMs;
  run.warnings.push(...(spec.loadWarnings ?? []));
  // 1. What memory knows about the service.
  run.context = await ctx.memory.context(spec.service, spec.namespace, {
    canaryThreshold: ctx.options.canaryThreshold,
  });
  // 2. Strategy: explicit wins, else memory decides.
  chooseStrategy(ctx, spec, run);
  // 2b. Canary and blue-green: KULTA must serve Rollouts; a Rollout replaces the Deployment.
  const rollout = await prepareRollout(ctx, spec, run);
  // 3. Plan: namespaces defaulted, Nopea's labels, apply order.
  const manifests = await withNamespace(ctx, spec, rollout?.manifests ?? spec.manifests);
  const plan = await planStep(ctx, spec, run, manifests, options);
  // 4. Apply: server-side apply, group by group.
  const applied = await applyStep(ctx, spec, run, plan, deadline, options);
  if (!applied || spec.dryRun) return;
  // 5. Wait: a Rollout is followed to its end or its pause; anything else until ready.
  if (rollout) return followRollout(ctx, spec, run, rollout, applied.stored, deadline, options);
  const ready = await waitForResources(
    ctx,
    spec.service,
    run.outcomes,
    deadline,
    options,
  );
  mergeReadiness(run, ready.resources);
  if (ready.status !== "ready") return failWait(run, ready, options.signal?.aborted ?? false);
  // 6. Verify: fields the server changed after Nopea set them.
  run.drift = verifyApplied(plan.objects, [...applied.stored.values()]);
  run.verified = true;
  options.onEvent?.({ type: "verified", drift: run.drift.length });
  run.status = "completed";
}

/**
 * The manifests, with the target Namespace first when `createNamespace` asks for it and the
 * cluster does not have it yet (an existing namespace is left as it is, like `helm
 * --create-namespace`: Nopea does not take it over).
 */
async function withNamespace(
  ctx: EngineContext,
  spec: Spec,
  manifests: readonly KubeObject[],
): Promise<readonly KubeObject[]> {
  const has = manifests.some((o) => o.kind === "Namespace" && o.metadata.name === spec.namespace);
  if (!spec.createNamespace || has) return manifests;
  const key = { apiVersion: "v1", kind: "Namespace", name: spec.namespace };
  if (await ctx.deps.cluster.get(key)) return manifests;
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: spec.namespace } },
    ...manifests,
  ];
}

function chooseStrategy(ctx: EngineContext, spec: Spec, run: DeployRun): void {
  const choice = selectStrategy(spec, run.context!, {
    canaryThreshold: ctx.options.canaryThreshold,
  });
  run.strategy = choice.strategy;
  run.strategyReasons = choice.reasons;
}

async function planStep(
  ctx: EngineContext,
  spec: Spec,
  run: DeployRun,
  manifests: readonly KubeObject[],
  options: DeployOptions,
): Promise<DeployPlan & { objects: KubeObject[] }> {
  const plan = await planDeploy(manifests, {
    service: spec.service,
    namespace: spec.namespace,
    deployId: run.deployId,
    resolve: (apiVersion, kind) => ctx.deps.cluster.discover(apiVersion, kind),
    ...(spec.labels ? { labels: spec.labels } : {}),
  });
  const objects = plan.groups.flatMap((g) => g.objects.map((o) => o.object));
  run.groups = plan.groups;
  run.warnings.push(...plan.warnings);
  run.images = imagesOf(objects);
  run.dependsOn = await dependsOnOf(ctx.memory, objects, spec.service, spec.namespace);
  options.onEvent?.({
    type: "planned",
    strategy: run.strategy,
    reasons: run.strategyReasons,
    total: objects.length,
  });
  return { ...plan, objects };
}

/** Applies the plan; `undefined` when applying failed (the run then holds the error). */
async function applyStep(
  ctx: EngineContext,
  spec: Spec,
  run: DeployRun,
  plan: DeployPlan & { objects: KubeObject[] },
  deadline: number,
  options: DeployOptions,
): Promise<ApplyOutcome | undefined> {
  const applied = await applyGroups(
    ctx.deps.cluster,
    plan.groups.map((g) => g.objects.map((o) => o.object)),
    await liveObjects(ctx.deps.cluster, plan.objects),
    {
      dryRun: spec.dryRun ?? false,
      force: spec.forceConflicts ?? false,
      adopt: spec.adopt ?? false,
      service: spec.service,
      concurrency: ctx.options.applyConcurrency,
      lastHashes: await lastAppliedHashes(ctx.memory, spec.service),
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

/** Copies readiness of each resource into its outcome. */
function mergeReadiness(run: DeployRun, resources: readonly ResourceProgress[]): void {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  run.outcomes = run.outcomes.map((o) => {
    const r = byKey.get(o.key);
    if (!r) return o;
    return {
      ...o,
      readiness: r.state,
      message: r.message,
      ...(r.problems.length > 0 ? { problems: r.problems } : {}),
    };
  });
}

/** A failed or timed-out wait: the error names every resource that is not ready, and why. */
function failWait(run: DeployRun, outcome: WaitOutcome, interrupted: boolean): void {
  const notReady = outcome.resources.filter((r) => r.state !== "ready");
  const lines = notReady.map((r) => {
    const problem = r.problems.find((p) => p.blocking) ?? r.problems[0];
    return `${r.key}: ${r.message}${
      problem && !r.message.includes(problem.reason)
        ? ` (${problem.reason}: ${problem.message})`
        : ""
    }`;
  });
  if (outcome.status === "failed" && outcome.failed) {
    const f = outcome.failed;
    const reason = f.reason ?? "Failed";
    failRun(
      run,
      new NopeaError("DEPLOY_FAILED", `${f.key} failed: ${f.message}`, {
        hint: hintFor(reason),
        details: { reason, notReady: lines },
      }),
      f.key,
    );
    run.error = { ...run.error!, errorClass: reason };
    return;
  }
  const count = `${notReady.length} resource${notReady.length === 1 ? "" : "s"}`;
  const error = interrupted
    ? new NopeaError(
      "DEPLOY_INTERRUPTED",
      `Interrupted while waiting for ${count} to become ready:\n  ${lines.join("\n  ")}`,
      {
        hint: "Everything was applied; the cluster goes on rolling out. Check with `nopea status`",
        details: { notReady: lines },
      },
    )
    : new NopeaError(
      "DEPLOY_TIMEOUT",
      `Timed out waiting for ${count} to become ready:\n  ${lines.join("\n  ")}`,
      {
        hint: "Look at the reasons above; raise --timeout only if the workloads are just slow",
        details: { notReady: lines },
      },
    );
  failRun(run, error, notReady[0]?.key);
  run.error = { ...run.error!, errorClass: interrupted ? "Interrupted" : "Timeout" };
}

function hintFor(reason: string): string {
  switch (reason) {
    case "ImagePullBackOff":
    case "ErrImagePull":
    case "InvalidImageName":
      return "Check the image name and tag exist and the cluster can pull them (imagePullSecrets)";
    case "CrashLoopBackOff":
      return "The container starts and exits: read its logs (kubectl logs --previous) and the exit code above";
    case "ProgressDeadlineExceeded":
      return "The rollout made no progress within progressDeadlineSeconds: check the pods' events above";
    case "CreateContainerConfigError":
      return "A referenced ConfigMap, Secret or key is missing: create it or fix the reference";
    default:
      return "Check the resource's status and events (kubectl describe)";
  }
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
