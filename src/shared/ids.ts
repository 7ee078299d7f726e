/** IdSource port: ULIDs for deploys and occurrences. */
import { monotonicFactory } from "ulid";
import type { Clock } from "./clock.ts";

/** A source of unique, time-sortable ids. */
export interface IdSource {
  /** Returns a new ULID (26 Crockford base32 characters). */
  next(): string;
}

/**
 * Monotonic ULIDs stamped with the given clock's time.
 *
 * @example
 * ```ts
 * import { ulidSource } from "@nopea/nopea";
 * import { systemClock } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * equal(ulidSource(systemClock).next().length, 26);
 * ```
 */
export function ulidSource(clock: Clock): IdSource {
  const factory = monotonicFactory();
  return { next: () => factory(clock.now()) };
}

/**
 * Deterministic ids for tests: `prefix` followed by a zero-padded counter, 26 chars.
 *
 * @example
 * ```ts
 * import { seqIds } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * equal(seqIds().next(), "01TEST00000000000000000001");
 * ```
 */
export function seqIds(prefix = "01TEST"): IdSource {
  let n = 0;
  return { next: () => `${prefix}${String(++n).padStart(26 - prefix.length, "0")}` };
}
