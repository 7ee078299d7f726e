/** rolloutViewOf(): what a KULTA Rollout's status says, read the way external-formats §1.6 says. Pure. */
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";

/** The annotation that promotes a paused canary step, a blue-green Preview or a Concluded A/B test. */
export const PROMOTE_ANNOTATION = "kulta.io/promote";

/** Where a Rollout stands. */
export interface RolloutView {
  /** The Rollout's name. */
  name: string;
  /** KULTA's `status.phase`; `Initializing` until the controller first wrote status. */
  phase: string;
  /** `status.currentStepIndex` (0-based; equals `steps` after the last step). */
  step?: number;
  /** How many canary steps the spec has. */
  steps?: number;
  /** `status.currentWeight`: the canary's share of traffic in percent. */
  weight?: number;
  /** KULTA's `status.message`. */
  message: string;
  /** Only `kulta.io/promote: "true"` moves it on: a `pause: {}` step, Preview, or Concluded. */
  awaitingPromotion: boolean;
  /** Whether the promote annotation is set on the Rollout now. */
  promoteRequested: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function int(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

function canarySteps(rollout: KubeObject): unknown[] | undefined {
  const canary = record(record(record(rollout["spec"])["strategy"])["canary"]);
  return Array.isArray(canary["steps"]) ? canary["steps"] : undefined;
}

/** A Progressing canary waits for promotion at a `pause` step without a duration once paused. */
function pausedForPromotion(
  status: Record<string, unknown>,
  steps: unknown[] | undefined,
): boolean {
  const step = record(steps?.[int(status["currentStepIndex"]) ?? -1]);
  const pause = step["pause"];
  return status["pauseStartTime"] != null && isPlainObject(pause) &&
    pause["duration"] === undefined;
}

/**
 * Reads a Rollout: phase, step, weight, message, and whether it waits for promotion (phase
 * `Preview`, `Concluded` or `Paused`, or a Progressing canary paused at a `pause: {}` step).
 *
 * @example
 * ```ts
 * import { rolloutViewOf } from "./rollout_view.ts";
 * import { equal } from "node:assert/strict";
 * const rollout = { apiVersion: "kulta.io/v1alpha1", kind: "Rollout", metadata: { name: "api" },
 *   spec: { strategy: { canary: { steps: [{ setWeight: 20, pause: {} }, { setWeight: 100 }] } } },
 *   status: { phase: "Progressing", currentStepIndex: 0, currentWeight: 20, pauseStartTime: "2026-01-01T00:00:00Z" } };
 * equal(rolloutViewOf(rollout).awaitingPromotion, true);
 * ```
 */
export function rolloutViewOf(rollout: KubeObject): RolloutView {
  const status = record(rollout["status"]);
  const steps = canarySteps(rollout);
  const phase = typeof status["phase"] === "string" ? status["phase"] : "Initializing";
  const step = int(status["currentStepIndex"]);
  const weight = int(status["currentWeight"]);
  const waiting = phase === "Preview" || phase === "Concluded" || phase === "Paused" ||
    (phase === "Progressing" && pausedForPromotion(status, steps));
  return {
    name: rollout.metadata.name ?? "",
    phase,
    ...(step === undefined ? {} : { step }),
    ...(steps ? { steps: steps.length } : {}),
    ...(weight === undefined ? {} : { weight }),
    message: typeof status["message"] === "string" ? status["message"] : "",
    awaitingPromotion: waiting,
    promoteRequested: rollout.metadata.annotations?.[PROMOTE_ANNOTATION] === "true",
  };
}

/**
 * One line for people: `Progressing at step 2 of 4 (25% traffic)`, `Preview`, `Completed`.
 *
 * @example
 * ```ts
 * import { describeRollout } from "./rollout_view.ts";
 * import { equal } from "node:assert/strict";
 * const view = { name: "api", phase: "Progressing", step: 1, steps: 4, weight: 25, message: "",
 *   awaitingPromotion: false, promoteRequested: false };
 * equal(describeRollout(view), "Progressing at step 2 of 4 (25% traffic)");
 * ```
 */
export function describeRollout(view: RolloutView): string {
  const traffic = view.weight === undefined ? "" : ` (${view.weight}% traffic)`;
  if (view.step === undefined || view.steps === undefined) return `${view.phase}${traffic}`;
  const at = view.step < view.steps
    ? `step ${view.step + 1} of ${view.steps}`
    : `the end of its ${view.steps} steps`;
  return `${view.phase} at ${at}${traffic}`;
}
