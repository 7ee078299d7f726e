/** Keeps the service's ApplySet parent (KEP-3659) in step with what a deploy applied. */
import type { KubeObject } from "../manifests/mod.ts";
import { applySetParent, applySetParentName } from "../plan/mod.ts";
import { isNopeaError } from "../shared/mod.ts";
import type { DeployRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";

/** The `applyset.kubernetes.io/tooling` Nopea writes. */
const TOOLING = "nopea/v0.1.0";

function warning(error: unknown): string {
  return isNopeaError(error) ? error.message : String(error);
}

/** Applies the parent ConfigMap naming the set these objects make up; a failure is a warning. */
export async function applySetStep(
  ctx: EngineContext,
  run: DeployRun,
  members: readonly KubeObject[],
): Promise<void> {
  try {
    const parent = applySetParent(run.service, run.namespace, members, TOOLING);
    await ctx.deps.cluster.apply(parent, { fieldManager: "nopea", force: true });
  } catch (error) {
    run.warnings.push(`The ApplySet parent was not written: ${warning(error)}`);
  }
}

/** Deletes the parent ConfigMap once its set is gone; a failure is a warning. */
export async function deleteApplySet(ctx: EngineContext, run: DeployRun): Promise<void> {
  const key = {
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: run.namespace,
    name: applySetParentName(run.service),
  };
  try {
    await ctx.deps.cluster.delete(key);
  } catch (error) {
    run.warnings.push(`The ApplySet parent was not deleted: ${warning(error)}`);
  }
}
