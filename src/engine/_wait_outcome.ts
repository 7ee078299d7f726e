/** What a readiness wait ends with: readiness copied into outcomes, or the failure named. */
import { NopeaError } from "../shared/mod.ts";
import type { ResourceProgress, WaitOutcome } from "../readiness/mod.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";

/** Copies readiness of each resource into its outcome. */
export function mergeReadiness(run: DeployRun, resources: readonly ResourceProgress[]): void {
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
export function failWait(run: DeployRun, outcome: WaitOutcome, interrupted: boolean): void {
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
