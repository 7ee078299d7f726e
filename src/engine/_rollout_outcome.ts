/** How following a Rollout ends up in the run: the other objects' readiness, the Rollout's verdict. */
import { formatKey, type ResourceKey } from "../manifests/mod.ts";
import { type RolloutOutcome, rolloutVerdict } from "../progressive/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { type DeployRun, failRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import { waitForResources } from "./_wait_for.ts";
import type { DeployOptions } from "./types.ts";

/** Sets the readiness and message of the run's outcome for `key`. */
export function mark(
  run: DeployRun,
  key: string,
  readiness: "ready" | "progressing" | "failed" | "timeout",
  message: string,
): void {
  run.outcomes = run.outcomes.map((o) => o.key === key ? { ...o, readiness, message } : o);
}

/** Waits for the objects applied with the Rollout; on failure the run fails naming them. */
export async function othersReady(
  ctx: EngineContext,
  run: DeployRun,
  rolloutKeyText: string,
  deadline: number,
  options: DeployOptions,
): Promise<boolean> {
  const others = run.outcomes.filter((o) => o.key !== rolloutKeyText);
  if (others.length === 0) return true;
  const ready = await waitForResources(
    ctx,
    run.service,
    others,
    deadline,
    options,
  );
  for (const r of ready.resources) mark(run, r.key, r.state, r.message);
  if (ready.status === "ready") return true;
  const notReady = ready.resources.filter((r) => r.state !== "ready");
  const failed = ready.status === "failed";
  failRun(
    run,
    new NopeaError(
      failed ? "DEPLOY_FAILED" : "DEPLOY_TIMEOUT",
      `Cannot follow the rollout of "${run.service}": ${
        notReady.map((r) => `${r.key} is ${r.state} (${r.message})`).join("; ")
      }`,
      { hint: "Fix the objects named above; KULTA drives the Rollout regardless" },
    ),
    (ready.failed ?? notReady[0])?.key,
  );
  const errorClass = failed ? ready.failed?.reason : "Timeout";
  if (errorClass) run.error = { ...run.error!, errorClass };
  return false;
}

/** Maps how following a Rollout ended onto the run: status, error, the Rollout's readiness. */
export function endRun(
  run: DeployRun,
  key: ResourceKey,
  outcome: RolloutOutcome,
  maxMs: number,
): void {
  const keyText = formatKey(key);
  const verdict = rolloutVerdict(outcome, {
    service: run.service,
    namespace: key.namespace ?? run.namespace,
    maxMs,
  });
  mark(run, keyText, verdict.readiness, verdict.message);
  if (verdict.warning) run.warnings.push(verdict.warning);
  const e = verdict.error;
  if (!e) {
    run.status = verdict.status;
    return;
  }
  const details = { rollout: verdict.message };
  failRun(run, new NopeaError(e.code, e.message, { hint: e.hint, details }), keyText);
  if (e.errorClass) run.error = { ...run.error!, errorClass: e.errorClass };
}
