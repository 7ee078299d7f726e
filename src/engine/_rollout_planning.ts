/** Planning a progressive deploy's Rollout, or falling back to a direct deploy and saying why. */
import type { KubeObject } from "../manifests/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import {
  KULTA_API_VERSION,
  planRollout,
  type ProgressiveStrategy,
  type RolloutPlan,
} from "../strategy/mod.ts";
import type { DeployRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { CheckedSpec } from "./_checked_spec.ts";

function imagesOfTemplate(obj: KubeObject | undefined): string {
  const spec = obj?.["spec"] as
    | { template?: { spec?: { containers?: { image?: unknown }[] } } }
    | undefined;
  return JSON.stringify((spec?.template?.spec?.containers ?? []).map((c) => c.image));
}

/**
 * With several Deployments and none named like the service, the one whose images differ from
 * the live object is the change to roll out progressively; `undefined` when that is not exactly one.
 */
async function changedWorkload(
  ctx: EngineContext,
  spec: CheckedSpec,
): Promise<string | undefined> {
  const deployments = spec.manifests.filter((o) =>
    o.kind === "Deployment" && o.apiVersion === "apps/v1"
  );
  if (deployments.length < 2 || deployments.some((d) => d.metadata.name === spec.service)) {
    return undefined;
  }
  const changed: string[] = [];
  for (const d of deployments) {
    const name = d.metadata.name ?? "";
    const live = await ctx.deps.cluster.get({
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: d.metadata.namespace ?? spec.namespace,
      name,
    });
    if (imagesOfTemplate(live) !== imagesOfTemplate(d)) changed.push(name);
  }
  return changed.length === 1 ? changed[0] : undefined;
}

/** Turns the run into a direct deploy, with `note` as a strategy reason and a warning. */
function fallBackToDirect(run: DeployRun, note: string): void {
  run.strategy = "direct";
  run.strategyReasons = [...run.strategyReasons, note];
  run.warnings.push(note);
}

/**
 * The cluster does not serve Rollouts: an explicit strategy fails with `KULTA_NOT_INSTALLED`,
 * one memory chose falls back to direct and says so.
 */
export function kultaMissing(
  spec: CheckedSpec,
  run: DeployRun,
  strategy: ProgressiveStrategy,
): undefined {
  const how = strategy === "canary" ? "canary" : "blue-green";
  const served = `the cluster does not serve ${KULTA_API_VERSION} Rollout`;
  if (spec.strategy !== undefined) {
    throw new NopeaError(
      "KULTA_NOT_INSTALLED",
      `Cannot deploy service "${spec.service}" by ${how}: ${served} (KULTA is not installed)`,
      {
        hint: "Install KULTA in the cluster (the rollouts.kulta.io CRD and its controller), " +
          "or deploy with --strategy direct",
      },
    );
  }
  const note = `KULTA is not installed (${served}), so "${spec.service}" is deployed ` +
    `directly instead of by ${how}`;
  fallBackToDirect(run, note);
  return undefined;
}

/**
 * Plans the Rollout for `strategy`; when memory chose it and the manifests do not allow it
 * (`SPEC_INVALID`), the run falls back to direct and this returns `undefined`.
 */
export async function planOrDirect(
  ctx: EngineContext,
  spec: CheckedSpec,
  run: DeployRun,
  strategy: ProgressiveStrategy,
): Promise<RolloutPlan | undefined> {
  const workload = await changedWorkload(ctx, spec);
  try {
    return planRollout(strategy, spec.manifests, {
      service: spec.service,
      ...(spec.canarySteps ? { steps: spec.canarySteps } : {}),
      ...(spec.httpRoute ? { httpRoute: spec.httpRoute } : {}),
      ...(spec.analysis ? { analysis: spec.analysis } : {}),
      ...(workload ? { workload } : {}),
    });
  } catch (error) {
    if (spec.strategy !== undefined || !isNopeaError(error) || error.code !== "SPEC_INVALID") {
      throw error;
    }
    const note = `memory advised ${strategy === "canary" ? "a canary" : "blue-green"}, but ` +
      `${error.message.replace(/^Cannot [^:]*: /, "")}; "${spec.service}" is deployed directly`;
    fallBackToDirect(run, note);
    return undefined;
  }
}
