/** ingestRecord(): one deploy record into the state (graph learning + history + DORA days + retention). */
import { learn } from "./_ingest_graph.ts";
import { isoMs } from "./_iso_ms.ts";
import { countId, idBucket, recentBuckets, recentIndex } from "./_recent_ids.ts";
import { pruneGraph } from "./graph/mod.ts";
import { type DeployRecord, isRecovery, isServiceFailure } from "../deploys/mod.ts";
import {
  type DayStats,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_RETENTION,
  type MemoryState,
  newServiceState,
  type ServiceState,
  type StateOptions,
} from "./state.ts";

const DAY_MS = 86_400_000;
const DAYS_KEPT = 90;
/** Replay drops what has decayed away every this many occurrences, so memory stays bounded. */
export const PRUNE_EVERY = 10_000;

/** The UTC day of a time, `YYYY-MM-DD`. */
export function dayKey(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    lastDay = day;
    lastKey = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  return lastKey;
}
let lastDay = Number.NaN;
let lastKey = "";

function dayOf(s: ServiceState, t: number): DayStats {
  const key = dayKey(t);
  let d = s.days[key];
  if (!d) {
    d = s.days[key] = {
      deploys: 0,
      completed: 0,
      failed: 0,
      rework: 0,
      recoveries: 0,
      recoveryMs: 0,
    };
    const oldest = dayKey(t - DAYS_KEPT * DAY_MS);
    for (const k of Object.keys(s.days)) if (k < oldest) delete s.days[k];
  }
  return d;
}

/**
 * Counts a terminal record in its day. Refusals, interruptions and infrastructure faults are no
 * change outcome and are not counted; heals are counted apart; a rollback that went through
 * ends the open failure like a completed deploy.
 */
function countDora(s: ServiceState, r: DeployRecord, t: number): void {
  if (r.status === "progressing" || r.status === "refused" || r.operation === "delete") return;
  const recovered = r.status === "completed" || isRecovery(r);
  if (!recovered && !isServiceFailure(r)) return;
  const d = dayOf(s, t);
  if (r.operation === "heal") {
    d.heals = (d.heals ?? 0) + 1;
    return;
  }
  d.deploys++;
  if (r.rollbackOf !== undefined || r.status === "rolledback" || s.openFailureAt !== undefined) {
    d.rework++;
  }
  if (recovered) {
    d.completed++;
    if (s.openFailureAt !== undefined) {
      d.recoveries++;
      d.recoveryMs += t - s.openFailureAt;
      delete s.openFailureAt;
    }
  } else {
    d.failed++;
    s.openFailureAt ??= t;
  }
}

function keepManifests(
  state: Pick<MemoryState, "services" | "evicted">,
  s: ServiceState,
  hash: string,
  retention: number,
): void {
  const at = s.manifests.indexOf(hash);
  if (at >= 0) s.manifests.splice(at, 1);
  s.manifests.push(hash);
  state.evicted.delete(hash);
  while (s.manifests.length > retention) {
    const dropped = s.manifests.shift() as string;
    let kept = false;
    for (const other of state.services.values()) kept ||= other.manifests.includes(dropped);
    if (!kept) state.evicted.add(dropped);
  }
}

/** Updates the service's history, DORA days and kept manifest sets (`state.services`, `state.evicted` only). */
export function remember(
  state: Pick<MemoryState, "services" | "evicted">,
  r: DeployRecord,
  t: number,
  options: StateOptions,
): void {
  let s = state.services.get(r.service);
  if (!s) state.services.set(r.service, s = newServiceState(r.service));
  if (!s.namespaces.includes(r.namespace)) s.namespaces.push(r.namespace);
  const buckets = recentBuckets(s);
  const bucket = idBucket(r.deployId);
  const prev = recentIndex(s, buckets, bucket, r.deployId);
  if (prev >= 0) {
    const was = (s.recent[prev] as DeployRecord).status;
    s.byStatus[was] = (s.byStatus[was] ?? 1) - 1;
    s.recent.splice(prev, 1);
    countId(buckets, bucket, -1);
  } else {
    s.deploys++;
  }
  s.byStatus[r.status] = (s.byStatus[r.status] ?? 0) + 1;
  s.recent.push(r);
  countId(buckets, bucket, 1);
  const limit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  // One over the limit is the usual case: `shift` moves no elements (`splice` copies them).
  while (s.recent.length > limit) {
    countId(buckets, idBucket((s.recent.shift() as DeployRecord).deployId), -1);
  }
  countDora(s, r, t);
  if (r.manifestsHash) {
    keepManifests(state, s, r.manifestsHash, options.retention ?? DEFAULT_RETENTION);
  }
}

/** The log time of a record: its end, never before the log clock `clock` (the clock never moves back). */
export function ingestTime(clock: number, record: Pick<DeployRecord, "finishedAt">): number {
  const finished = isoMs(record.finishedAt);
  return Math.max(Number.isNaN(finished) ? 0 : finished, clock);
}

/**
 * Whether the graph learns from a record. A progressing deploy teaches nothing yet: its
 * terminal record (same deploy id) will. A refusal teaches nothing: nothing was deployed.
 */
export function teaches(record: Pick<DeployRecord, "status">): boolean {
  return record.status !== "progressing" && record.status !== "refused";
}

/** Moves the log clock to `t` and counts one occurrence (pruning what decayed now and then). */
export function advance(state: MemoryState, t: number): void {
  state.clock = t;
  state.occurrences++;
  if (state.occurrences % PRUNE_EVERY === 0) pruneGraph(state.graph, t);
}

/**
 * Ingests one deploy record, identified by the id of the occurrence that carries
 * it. Deterministic: time comes from the record (the log clock never moves back),
 * so replaying the same log always gives the same state.
 */
export function ingestRecord(
  state: MemoryState,
  record: DeployRecord,
  occurrenceId: string,
  options: StateOptions = {},
): void {
  const t = ingestTime(state.clock, record);
  if (teaches(record)) learn(state, record, { id: occurrenceId, time: t });
  remember(state, record, t, options);
  advance(state, t);
}
