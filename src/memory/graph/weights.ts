/** Weight arithmetic: EWMA, weakening, lazy decay, and the thresholds (external-formats §2.4). */

/** EWMA smoothing factor. */
export const EWMA_ALPHA = 0.3;
/** Decay per hour since a weight was last touched. */
export const DECAY_PER_HOUR = 0.98;
/** Weight and relevance of a new relationship or node, whatever confidence was passed. */
export const INITIAL_WEIGHT = 0.5;
/** Relationships below this weight are dead (pruned). */
export const RELATIONSHIP_DEATH = 0.05;
/** Nodes below this relevance without a live relationship are dead (pruned). */
export const NODE_DEATH = 0.01;
/** How many evidence strings a relationship keeps. */
export const EVIDENCE_KEPT = 5;

const HOUR_MS = 3_600_000;

/**
 * Clamps to [0, 1]; NaN becomes 0.
 *
 * @example
 * ```ts
 * import { clamp01 } from "./weights.ts";
 * import { equal } from "node:assert/strict";
 * equal(clamp01(1.5), 1);
 * ```
 */
export function clamp01(n: number): number {
  return n > 1 ? 1 : n > 0 ? n : 0;
}

/**
 * One EWMA step: `α·observation + (1−α)·current`, both clamped to [0, 1] first.
 *
 * @example
 * ```ts
 * import { ewma } from "./weights.ts";
 * import { equal } from "node:assert/strict";
 * equal(ewma(0.5, 0.8).toFixed(2), "0.59");
 * ```
 */
export function ewma(current: number, observation: number, alpha: number = EWMA_ALPHA): number {
  return alpha * clamp01(observation) + (1 - alpha) * clamp01(current);
}

/**
 * Counter-evidence: `clamp01(weight × factor)`.
 *
 * @example
 * ```ts
 * import { weaken } from "./weights.ts";
 * import { equal } from "node:assert/strict";
 * equal(weaken(0.8, 0.5), 0.4);
 * ```
 */
export function weaken(weight: number, factor: number): number {
  return clamp01(weight * factor);
}

/**
 * The value `value` (as of `fromMs`) decays to by `toMs`: `value × 0.98^hours`; time never runs backwards.
 *
 * @example
 * ```ts
 * import { decayed } from "./weights.ts";
 * import { equal } from "node:assert/strict";
 * equal(decayed(0.5, 0, 3_600_000), 0.49);
 * ```
 */
export function decayed(value: number, fromMs: number, toMs: number): number {
  const hours = (toMs - fromMs) / HOUR_MS;
  return hours > 0 ? value * decayFactor(hours) : value;
}

/** The last few `0.98^hours` computed: a replay asks for the same few spans again and again. */
const spans = new Float64Array(8);
const factors = new Float64Array(8);
let nextSlot = 0;

/** `DECAY_PER_HOUR ** hours`, the same number `Math.pow` gives. */
function decayFactor(hours: number): number {
  for (let k = 0; k < 8; k++) if (spans[k] === hours) return factors[k] as number;
  const factor = Math.pow(DECAY_PER_HOUR, hours);
  spans[nextSlot] = hours;
  factors[nextSlot] = factor;
  nextSlot = (nextSlot + 1) & 7;
  return factor;
}
