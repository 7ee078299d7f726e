/** MemoryState: everything memory derives from the occurrence log (graph, per-service history, DORA days). */
import { emptyGraph, type MemoryGraph } from "./graph/mod.ts";
import type { DeployRecord, DeployStatus } from "../deploys/mod.ts";

/** Terminal deploys of one service on one UTC day, for the DORA figures. */
export interface DayStats {
  /** Terminal deploys. */
  deploys: number;
  /** Completed deploys. */
  completed: number;
  /** Failed or rolled back. */
  failed: number;
  /** Rollbacks and deploys made while the previous one was still failed. */
  rework: number;
  /** Failures that a later completed deploy recovered, and the time that took in total. */
  recoveries: number;
  /** Total time those recoveries took. */
  recoveryMs: number;
  /** Heals (re-applies of the last deploy after drift), counted apart from deploys. */
  heals?: number;
}

/** What memory keeps per service. */
export interface ServiceState {
  /** The service. */
  name: string;
  /** Namespaces it was deployed to. */
  namespaces: string[];
  /** Distinct deploys recorded. */
  deploys: number;
  /** Deploys by their latest status. */
  byStatus: Record<DeployStatus, number>;
  /** The last deploys, oldest first (bounded by `historyLimit`). */
  recent: DeployRecord[];
  /** DORA day buckets by `YYYY-MM-DD` (UTC), the last 90 days. */
  days: Record<string, DayStats>;
  /** When the current run of failures began (ms); absent after a completed deploy. */
  openFailureAt?: number;
  /** Hashes of the last manifest sets, oldest first (bounded by `retention`). */
  manifests: string[];
}

/** A deploy's time window, for `deployed_together`. */
export interface DeployWindow {
  /** The service deployed. */
  service: string;
  /** Start (ms). */
  start: number;
  /** End (ms). */
  end: number;
}

/** Everything memory knows: a pure function of the occurrence log. */
export interface MemoryState {
  /** The knowledge graph. */
  graph: MemoryGraph;
  /** Per-service history by name. */
  services: Map<string, ServiceState>;
  /** The log clock: the latest deploy time ingested (ms), 0 when empty. */
  clock: number;
  /** Bytes of the log consumed (file store). */
  offset: number;
  /** Lines of the log consumed. */
  lines: number;
  /** Id of the log's first line when read from a file: a compaction gives the log a new one. */
  head?: string;
  /** Lines at the start of the log that a checkpoint already accounts for (replay skips them). */
  covered: number;
  /** `lines` when the log was last compacted (or found to have nothing to drop). */
  compacted: number;
  /** Deploy occurrences ingested. */
  occurrences: number;
  /** Manifest-set hashes no service keeps any more (to delete from storage). */
  evicted: Set<string>;
  /** The last few deploy windows. */
  windows: DeployWindow[];
}

/** Limits applied while ingesting. */
export interface StateOptions {
  /** Deploy records kept per service. @default 50 */
  historyLimit?: number;
  /** Manifest sets kept per service. @default 20 */
  retention?: number;
}

/** Default number of deploy records kept per service. */
export const DEFAULT_HISTORY_LIMIT = 50;
/** Default number of manifest sets kept per service. */
export const DEFAULT_RETENTION = 20;

/** A state with nothing in it. */
export function emptyState(): MemoryState {
  return {
    graph: emptyGraph(),
    services: new Map(),
    clock: 0,
    offset: 0,
    lines: 0,
    covered: 0,
    compacted: 0,
    occurrences: 0,
    evicted: new Set(),
    windows: [],
  };
}

/** A service seen for the first time. */
export function newServiceState(name: string): ServiceState {
  return {
    name,
    namespaces: [],
    deploys: 0,
    byStatus: { completed: 0, failed: 0, rolledback: 0, progressing: 0, refused: 0 },
    recent: [],
    days: {},
    manifests: [],
  };
}
