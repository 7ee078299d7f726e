/** The `history` steps of a deploy occurrence: what was applied, waited for, verified, rolled back. */
import type { DeployRecord, ResourceAction } from "../deploys/mod.ts";
import type { HistoryStep } from "./occurrence.ts";

/** The actions after which the object exists as the deploy applied it. */
export const APPLIED: ReadonlySet<ResourceAction> = new Set(["created", "configured", "unchanged"]);

/** Whether the record ended in a failure or refusal (a rollback that went through is a success). */
export function isFailure(r: DeployRecord): boolean {
  return r.status === "failed" || r.status === "refused" ||
    (r.status === "rolledback" && r.error !== undefined);
}

function failedStep(r: DeployRecord, base: HistoryStep, whatFailed: string): HistoryStep {
  return {
    ...base,
    outcome: "failure",
    error: {
      code: r.error?.code ?? "unknown",
      ...(r.error ? { message: r.error.message } : {}),
      what_failed: whatFailed,
    },
  };
}

/** Where a failed deploy stopped: applying (an object failed), or waiting for readiness after it. */
function failureSteps(r: DeployRecord, apply: HistoryStep): HistoryStep[] {
  const applyFailed = r.resources.some((x) => x.action === "failed") ||
    !r.resources.some((x) => APPLIED.has(x.action));
  if (r.status === "refused") return [failedStep(r, apply, "refused by the cluster")];
  if (applyFailed) return [failedStep(r, apply, "manifest application")];
  const wait: HistoryStep = {
    timestamp: r.finishedAt,
    action: r.strategy === "direct" ? "wait" : "rollout",
    description: r.strategy === "direct"
      ? "wait for the applied objects to become ready"
      : `progressive rollout (${r.strategy})`,
    outcome: "failure",
  };
  const what = r.error?.resource ? `readiness of ${r.error.resource}` : "readiness";
  return [{ ...apply, outcome: "success" }, failedStep(r, wait, what)];
}

/** The steps of a deploy, in order. */
export function stepsOf(r: DeployRecord): HistoryStep[] {
  const apply: HistoryStep = {
    timestamp: r.startedAt,
    action: "apply",
    description: r.rollbackOf
      ? `re-apply the manifests of deploy ${r.rollbackOf}`
      : "apply manifests",
    outcome: "success",
    "duration_ms": r.durationMs,
  };
  if (isFailure(r)) return failureSteps(r, apply);
  if (r.status === "progressing") {
    return [apply, {
      timestamp: r.finishedAt,
      action: "rollout",
      description: `progressive rollout started (${r.strategy})`,
      outcome: "in_progress",
    }];
  }
  const out = [apply];
  if (r.verified) {
    out.push({
      timestamp: r.finishedAt,
      action: "verify",
      description: "post-deploy verification",
      outcome: "success",
    });
  }
  if (r.status === "rolledback") {
    out.push({
      timestamp: r.finishedAt,
      action: "rollback",
      description: `rolled back to deploy ${r.rollbackOf ?? "(unknown)"}`,
      outcome: "success",
    });
  }
  return out;
}
