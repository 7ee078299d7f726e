/** A source's status: the initial one, conditions, backoff after failures. */
import type { SourceCondition, SourcePhase, SourceStatus, WatchSource } from "./types.ts";

/** The longest wait between two polls after failures, as a multiple of the interval. */
const MAX_BACKOFF_INTERVALS = 8;

/** The status of a source before its first sync: due at once. */
export function initialStatus(source: WatchSource, now: number): SourceStatus {
  return {
    name: source.name,
    service: source.service,
    phase: source.suspend ? "Suspended" : "Pending",
    failures: 0,
    nextPollAt: now,
    conditions: [],
  };
}

/** Sets a condition, keeping its transition time when its status did not change. */
export function setCondition(
  status: SourceStatus,
  condition: Omit<SourceCondition, "lastTransitionTime">,
  now: number,
): void {
  const old = status.conditions.find((c) => c.type === condition.type);
  const lastTransitionTime = old && old.status === condition.status
    ? old.lastTransitionTime
    : new Date(now).toISOString();
  status.conditions = [
    ...status.conditions.filter((c) => c.type !== condition.type),
    { ...condition, lastTransitionTime },
  ];
}

/** A failed sync: phase Failed, `Ready=False` with the reason, the next poll backed off. */
export function markFailed(
  status: SourceStatus,
  source: WatchSource,
  failure: { reason: string; message: string },
  now: number,
): void {
  status.failures += 1;
  status.phase = "Failed";
  setCondition(status, { type: "Ready", status: "False", ...failure }, now);
  const factor = Math.min(2 ** (status.failures - 1), MAX_BACKOFF_INTERVALS);
  status.nextPollAt = now + source.intervalMs * factor;
}

/** A sync that ended well: `Ready=True`, failures reset, the next poll one interval away. */
export function markSynced(
  status: SourceStatus,
  source: WatchSource,
  sync: { commit: string; reason: string; message: string; deployId?: string },
  now: number,
): void {
  status.failures = 0;
  status.phase = "Synced";
  status.lastSyncedCommit = sync.commit;
  status.lastSyncTime = new Date(now).toISOString();
  if (sync.deployId) status.lastDeployId = sync.deployId;
  setCondition(status, {
    type: "Ready",
    status: "True",
    reason: sync.reason,
    message: sync.message,
  }, now);
  status.nextPollAt = now + source.intervalMs;
}

/** Sets the phase of a source that is not syncing (`Suspended`, `Syncing`). */
export function markPhase(status: SourceStatus, phase: SourcePhase): void {
  status.phase = phase;
}
