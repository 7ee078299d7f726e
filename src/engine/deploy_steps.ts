/** The deploy pipeline (DESIGN §1, STYLE R14): numbered steps, recording wraps the work. */
import type { KubeObject } from "../manifests/mod.ts";
import { type DeployPlan, imagesOf, planDeploy } from "../plan/mod.ts";
import { selectStrategy } from "../strategy/mod.ts";
import { AnswerChecks } from "./_answers.ts";
import { applyStep } from "./_apply_step.ts";
import { applySetStep } from "./_applyset_step.ts";
import { locatePlanError } from "./_plan_errors.ts";
import { pruneStep } from "./_prune_step.ts";
import type { DeployRun } from "./_deploy_run.ts";
import { dependsOnOf } from "./_memory_inputs.ts";
import { failWait, mergeReadiness } from "./_wait_outcome.ts";
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
  // 4. Apply: server-side apply, group by group. Each answer is verified (step 6) as it arrives.
  const checks = new AnswerChecks(!spec.dryRun, rollout !== undefined);
  const applied = await applyStep(ctx, spec, run, plan, deadline, options, checks);
  if (!applied) return;
  if (spec.dryRun) {
    // A dry run shows what pruning would delete (a server-side dry run of each delete).
    if (spec.prune !== false) await pruneStep(ctx, run, plan.objects, options, { dryRun: true });
    return;
  }
  // 4b. The ApplySet parent (KEP-3659) names the set the objects now make up. It changes no
  // member, so it is written while readiness is read (one round trip less on the path).
  const parentWritten = applySetStep(ctx, run, plan.objects);
  // 5. Wait: a Rollout is followed to its end or its pause; anything else until ready.
  if (spec.prune === false || rollout) run.prune = false;
  if (rollout) {
    await parentWritten;
    return followRollout(ctx, spec, run, rollout, { ...applied, checks }, deadline, options);
  }
  const waiting = Promise.all([
    waitForResources(ctx, spec.service, run.outcomes, deadline, options, applied.stored),
    parentWritten,
  ]);
  // 6. Verify: fields the server changed after Nopea set them, compared with each apply's answer
  // as it arrived, reported once the objects are ready. An object left unchanged holds every
  // field it sets with the same value (`isUnchanged`): none to compare.
  const drift = checks.driftOf(plan.objects);
  const [ready] = await waiting;
  mergeReadiness(run, ready.resources);
  if (ready.status !== "ready") return failWait(run, ready, options.signal?.aborted ?? false);
  run.drift = drift;
  run.verified = true;
  options.onEvent?.({ type: "verified", drift: run.drift.length });
  run.status = "completed";
  // 7. Prune: what Nopea last applied of the service and these manifests no longer hold.
  if (spec.prune !== false) await pruneStep(ctx, run, plan.objects, options);
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
  }).catch((error: unknown) => {
    throw locatePlanError(error, manifests, spec.locate);
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
