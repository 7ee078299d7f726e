/** rolloutVerdict(): what the way a followed Rollout stopped means for the deploy. Pure. */
import type { ErrorCode } from "../shared/mod.ts";
import type { RolloutOutcome } from "./monitor.ts";
import { describeRollout } from "./rollout_view.ts";

/** Which Rollout, for messages. */
export interface VerdictContext {
  /** The Nopea service (in hints). */
  service: string;
  /** The Rollout's namespace. */
  namespace: string;
  /** How long the monitor followed at most, for the timeout message. */
  maxMs: number;
}

/** The deploy's status, the Rollout's readiness, and the error or note to report. */
export interface RolloutVerdict {
  /** The deploy's status. */
  status: "completed" | "failed" | "progressing";
  /** The Rollout's readiness in the deploy's outcomes. */
  readiness: "ready" | "progressing" | "failed" | "timeout";
  /** One line on where the Rollout is. */
  message: string;
  /** Why the deploy failed. */
  error?: { code: ErrorCode; message: string; hint: string; errorClass?: string };
  /** What to do next, when the deploy is left progressing. */
  warning?: string;
}

function duration(ms: number): string {
  return ms % 3_600_000 === 0
    ? `${ms / 3_600_000}h`
    : ms % 60_000 === 0
    ? `${ms / 60_000}m`
    : `${Math.round(ms / 1000)}s`;
}

function failure(message: string, service: string): { errorClass: string; hint: string } {
  const rollback = `"nopea rollback ${service}"`;
  return /deadline/i.test(message)
    ? {
      errorClass: "ProgressDeadlineExceeded",
      hint: "The rollout made no progress within its deadline: check the canary pods' events, " +
        `then deploy a fix or run ${rollback}`,
    }
    : {
      errorClass: "RolloutFailed",
      hint: "KULTA's analysis found the new version unhealthy: fix it and deploy again, or run " +
        `${rollback} to re-apply the last good template`,
    };
}

/**
 * Maps how following a Rollout stopped onto the deploy: `Completed` → completed; `Failed` →
 * failed with KULTA's message, classed `ProgressDeadlineExceeded` or `RolloutFailed`; waiting for
 * promotion (or cancelled) → progressing with a note on what to do; the monitor's limit →
 * failed `Timeout`; the Rollout gone → failed.
 *
 * @example
 * ```ts
 * import { rolloutVerdict } from "./verdict.ts";
 * import { equal } from "node:assert/strict";
 * const view = { name: "api", phase: "Failed", message: "Rollback triggered: metrics exceeded thresholds",
 *   awaitingPromotion: false, promoteRequested: false };
 * const verdict = rolloutVerdict({ stop: "failed", view, elapsedMs: 0 }, { service: "api", namespace: "prod", maxMs: 60_000 });
 * equal(verdict.error?.errorClass, "RolloutFailed");
 * ```
 */
export function rolloutVerdict(outcome: RolloutOutcome, context: VerdictContext): RolloutVerdict {
  const { service } = context;
  const view = outcome.view;
  const where = view ? describeRollout(view) : "not found";
  const name = `Rollout "${view?.name ?? service}" in namespace "${context.namespace}"`;
  const kulta = view?.message ?? "";
  switch (outcome.stop) {
    case "completed":
      return { status: "completed", readiness: "ready", message: kulta || where };
    case "failed":
      return {
        status: "failed",
        readiness: "failed",
        message: kulta || where,
        error: {
          code: "DEPLOY_FAILED",
          message: `${name} failed (${where}): ${kulta}`,
          ...failure(kulta, service),
        },
      };
    case "awaiting_promotion":
    case "matched":
      return {
        status: "progressing",
        readiness: "progressing",
        message: `waits for promotion: ${where}`,
        warning: `${name} waits for promotion (${where}): run "nopea promote ${service}" to go ` +
          `on, or "nopea rollback ${service}" to go back`,
      };
    case "aborted":
      return {
        status: "progressing",
        readiness: "progressing",
        message: where,
        warning: `Stopped following ${name} (${where}); KULTA keeps driving it`,
      };
    case "timeout":
      return {
        status: "failed",
        readiness: "timeout",
        message: where,
        error: {
          code: "DEPLOY_TIMEOUT",
          message: `Timed out after ${duration(context.maxMs)} following ${name}: it is ${where}`,
          hint: `KULTA keeps driving it: see it with "nopea status ${service}"; raise the ` +
            "engine's rolloutMaxMs if the steps are just slow",
          errorClass: "Timeout",
        },
      };
    case "missing":
      return {
        status: "failed",
        readiness: "failed",
        message: "deleted",
        error: {
          code: "DEPLOY_FAILED",
          message: `${name} disappeared while Nopea followed it`,
          hint: "Someone deleted it: deploy again to recreate it",
        },
      };
    default: {
      const never: never = outcome.stop;
      throw new Error(`Unknown rollout stop "${String(never)}"`);
    }
  }
}
