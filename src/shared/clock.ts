/** Clock port: the only source of time for the engine, memory and the sandbox. */

/** A source of the current time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * The wall clock.
 *
 * @example
 * ```ts
 * import { systemClock } from "@nopea/nopea";
 * import { ok } from "node:assert/strict";
 * ok(systemClock.now() > 0);
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to; for tests and deterministic simulation. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the time. */
  set(ms: number): void;
}

/**
 * A clock fixed at `start` until advanced.
 *
 * @example
 * ```ts
 * import { fixedClock } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const clock = fixedClock("2026-01-01T00:00:00Z");
 * clock.advance(1000);
 * equal(new Date(clock.now()).toISOString(), "2026-01-01T00:00:01.000Z");
 * ```
 */
export function fixedClock(start: string | number = "2026-01-01T00:00:00Z"): ManualClock {
  let t = typeof start === "number" ? start : Date.parse(start);
  if (Number.isNaN(t)) throw new RangeError(`Invalid start time: "${start}"`);
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

/** Formats a clock reading as RFC 3339 without fractional seconds (Kubernetes style). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
