/** Canary steps: their parsing from `10,25:pause,50:5m,100` and their rules (KULTA §1.2). Pure. */
import { NopeaError } from "../shared/mod.ts";

/** One canary step: the canary's traffic weight, then an optional pause (`{}` waits for promote). */
export interface CanaryStep {
  /** Percent of traffic (and replicas) on the canary, 0-100. */
  readonly setWeight: number;
  /** Wait after this step: `{}` until promoted, or `{ duration: "5m" }`. */
  readonly pause?: { readonly duration?: string };
}

/** The default canary steps: 10, 25, 50 and 100 percent, without pauses. */
export const DEFAULT_CANARY_STEPS: readonly CanaryStep[] = [10, 25, 50, 100].map((w) => ({
  setWeight: w,
}));

const DURATION_MAX: Record<string, number> = { s: 86_400, m: 1440, h: 168 };
/** Whether a pause duration has KULTA's format: `<N>s` (N ≤ 86400), `<N>m` (≤ 1440), `<N>h` (≤ 168). */
export function isKultaDuration(text: string): boolean {
  const match = /^(\d+)([smh])$/.exec(text);
  const n = Number(match?.[1]);
  return match !== null && n > 0 && n <= (DURATION_MAX[match[2] ?? ""] ?? 0);
}

/** What is wrong with canary steps, if anything. */
export function stepsProblem(steps: readonly CanaryStep[]): string | undefined {
  if (steps.length === 0) return "the canary has no steps";
  for (const [i, step] of steps.entries()) {
    const w = step.setWeight;
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      return `canary step ${i + 1} has weight "${w}", not a whole number from 0 to 100`;
    }
    const d = step.pause?.duration;
    if (d !== undefined && !isKultaDuration(d)) {
      return `canary step ${i + 1} pauses for "${d}", not <N>s, <N>m or <N>h`;
    }
  }
  return undefined;
}

export const STEPS_HINT = 'Give weights 0-100 with optional pauses, e.g. "10,25:pause,50:5m,100"';

/**
 * Parses canary steps as `--steps` writes them: weights separated by commas, each with an optional
 * `:pause` (wait for `nopea promote`) or `:<duration>` (`30s`, `5m`, `1h`).
 *
 * @throws {NopeaError} `SPEC_INVALID` naming the bad item.
 *
 * @example
 * ```ts
 * import { parseCanarySteps } from "./canary_steps.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseCanarySteps("10,50:pause,100"), [
 *   { setWeight: 10 }, { setWeight: 50, pause: {} }, { setWeight: 100 },
 * ]);
 * ```
 */
export function parseCanarySteps(text: string): CanaryStep[] {
  const steps = text.split(",").map((item): CanaryStep => {
    const match = /^\s*(\d{1,3})\s*(?::\s*(\S+?))?\s*$/.exec(item);
    if (!match) {
      throw new NopeaError(
        "SPEC_INVALID",
        `Invalid canary steps "${text}": "${item.trim()}" is not a weight with an optional pause`,
        { hint: STEPS_HINT },
      );
    }
    const pause = match[2];
    return {
      setWeight: Number(match[1]),
      ...(pause === undefined ? {} : { pause: pause === "pause" ? {} : { duration: pause } }),
    };
  });
  const problem = stepsProblem(steps);
  if (problem) {
    throw new NopeaError("SPEC_INVALID", `Invalid canary steps "${text}": ${problem}`, {
      hint: STEPS_HINT,
    });
  }
  return steps;
}
