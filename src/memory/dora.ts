/** DORA figures of a service from its day buckets, under their current names. Pure. */
import { dayKey } from "./ingest.ts";
import type { ServiceState } from "./state.ts";

/** The four DORA figures over a window ending now; `null` where there is nothing to measure. */
export interface DoraMetrics {
  /** The window, in days up to today. */
  windowDays: number;
  /**
   * Deploys that changed the service in the window: completed, failed for a reason of the
   * service's own, and rollbacks. Refusals, interruptions, infrastructure faults and heals
   * are not counted.
   */
  deploys: number;
  /** Deployment frequency: deploys that went through (completed or rolled back) per day. */
  deploymentFrequency: number;
  /** Change failure rate: failures of the service itself / deploys. */
  changeFailureRate: number | null;
  /**
   * Failed deployment recovery time: mean ms from the first failure of a streak to the next
   * deploy or rollback that went through.
   */
  failedDeploymentRecoveryTimeMs: number | null;
  /** Deployment rework rate: rollbacks and deploys made to repair a failure / deploys. */
  deploymentReworkRate: number | null;
}

/** Default DORA window. */
export const DORA_WINDOW_DAYS = 30;

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * The DORA figures of a service over the `windowDays` days up to `now`.
 *
 * @example
 * ```ts
 * import { doraOf } from "./dora.ts";
 * import { equal } from "node:assert/strict";
 * equal(doraOf(undefined, Date.parse("2026-01-01T00:00:00Z")).changeFailureRate, null);
 * ```
 */
export function doraOf(
  service: ServiceState | undefined,
  now: number,
  /** The window, in days up to today. */
  windowDays: number = DORA_WINDOW_DAYS,
): DoraMetrics {
  const from = dayKey(now - (windowDays - 1) * 86_400_000);
  const to = dayKey(now);
  let deploys = 0, completed = 0, failed = 0, rework = 0, recoveries = 0, recoveryMs = 0;
  for (const [day, d] of Object.entries(service?.days ?? {})) {
    if (day < from || day > to) continue;
    deploys += d.deploys;
    completed += d.completed;
    failed += d.failed;
    rework += d.rework;
    recoveries += d.recoveries;
    recoveryMs += d.recoveryMs;
  }
  return {
    windowDays,
    deploys,
    deploymentFrequency: round(completed / windowDays),
    changeFailureRate: deploys > 0 ? round(failed / deploys) : null,
    failedDeploymentRecoveryTimeMs: recoveries > 0 ? Math.round(recoveryMs / recoveries) : null,
    deploymentReworkRate: deploys > 0 ? round(rework / deploys) : null,
  };
}
