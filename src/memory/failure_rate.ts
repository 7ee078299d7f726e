/** failureRateOf(): how often a service's deploys fail, from its own recent deploys. Pure. */
import { type DeployRecord, isServiceFailure } from "../deploys/mod.ts";
import { errorClassOfRecord } from "./_ingest_graph.ts";

/** A service's estimated failure rate and the counts behind it. */
export interface FailureRate {
  /** The chance that its next deploy fails, 0..1 (a discounted Beta posterior mean). */
  estimate: number;
  /** Failed deploys among the `deploys` counted. */
  failures: number;
  /** Deploys counted: those that followed a successful deploy (or were its first), newest 50. */
  deploys: number;
  /** Its last deploy that counts as an outcome, when that one failed. */
  lastFailure?: { status: "failed" | "rolledback"; errorClass?: string };
}

/**
 * The prior: every service starts as if it had failed 1 of 10 deploys, so one failure in two
 * deploys reads as about 17%, not 50%. Chosen with `bench/memory_quality.ts`.
 */
export const FAILURE_RATE_PRIOR = { failures: 1, deploys: 10 } as const;
/** Each older counted deploy weighs this much of the next newer one. */
export const FAILURE_RATE_DISCOUNT = 0.97;
/** At most this many counted deploys, newest first. */
export const FAILURE_RATE_WINDOW = 50;

/**
 * What a record says about the service's own changes: `failure` (it failed or was rolled back for
 * a reason of its own), `success` (a completed deploy, promotion or rollback operation that
 * completed), or `undefined` (in progress, refused, interrupted, an infrastructure fault, a
 * rollback that went through, a heal: no evidence about a new version).
 */
export function outcomeOf(record: DeployRecord): "success" | "failure" | undefined {
  if (record.operation === "heal" || record.operation === "delete") return undefined;
  if (record.status === "completed") return "success";
  return isServiceFailure(record) ? "failure" : undefined;
}

/**
 * Estimates a service's failure rate from its deploys (oldest first, as memory keeps them).
 * Only deploys that followed a success (or the first one) are counted: a retry after a failure
 * repeats that failure's cause, and the last failure is a reason of its own. The estimate is
 * `(1 + Σ wᵢ·failedᵢ) / (10 + Σ wᵢ)` with `wᵢ = 0.97^i` for the i-th newest counted deploy.
 *
 * @example Six failures in twenty deploys that followed a success
 * ```ts
 * import { failureRateOf } from "./failure_rate.ts";
 * import { equal } from "node:assert/strict";
 * const none = failureRateOf([]);
 * equal(none.estimate, 0.1);
 * equal(none.deploys, 0);
 * ```
 */
export function failureRateOf(recent: readonly DeployRecord[]): FailureRate {
  const counted = recent.filter((r) => outcomeOf(r) !== undefined);
  const failed = counted.map((r) => outcomeOf(r) === "failure");
  let failures = 0, deploys = 0, weighted = 0, weight = 0, w = 1;
  for (let i = counted.length - 1; i >= 0 && deploys < FAILURE_RATE_WINDOW; i--) {
    if (failed[i - 1] === true) continue;
    deploys++;
    weight += w;
    if (failed[i]) [failures, weighted] = [failures + 1, weighted + w];
    w *= FAILURE_RATE_DISCOUNT;
  }
  const { failures: a, deploys: n } = FAILURE_RATE_PRIOR;
  const estimate = Math.round(((a + weighted) / (n + weight)) * 1000) / 1000;
  return { estimate, failures, deploys, ...lastFailureOf(counted.at(-1)) };
}

function lastFailureOf(last: DeployRecord | undefined): Pick<FailureRate, "lastFailure"> {
  if (last === undefined || outcomeOf(last) !== "failure") return {};
  const errorClass = errorClassOfRecord(last);
  const status = last.status === "rolledback" ? "rolledback" : "failed";
  return { lastFailure: { status, ...(errorClass ? { errorClass } : {}) } };
}
