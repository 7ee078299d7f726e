/** The values the cluster memory store reports, and the options of the synced store. */
import type { Occurrence } from "../occurrences/mod.ts";
import type { Logger } from "../shared/mod.ts";
import type { SyncStatePort } from "./sync_state.ts";

/** What the cluster holds. */
export interface ClusterMemoryStats {
  /** The namespace of the memory objects. */
  namespace: string;
  /** Chunk ConfigMaps. */
  chunks: number;
  /** Distinct occurrences in them. */
  occurrences: number;
  /** The highest chunk number written. */
  head: number;
}

/** What a compaction of the cluster store removed (or would remove). */
export interface ClusterCompactReport {
  /** Chunks before. */
  chunksBefore: number;
  /** Chunks after (as many before, on a dry run). */
  chunksAfter: number;
  /** Occurrences dropped by retention. */
  occurrences: number;
  /** Occurrences kept. */
  occurrencesKept: number;
  /** Whether nothing was changed. */
  dryRun: boolean;
}

/** How much of the cluster's log a compaction keeps: the file store's policy. */
export interface ClusterRetention {
  /** The newest occurrences kept per service. @default 100 */
  keepPerService?: number | undefined;
  /** Occurrences older than this many days before the newest are dropped. @default 30 */
  keepDays?: number | undefined;
  /** Report what would go without changing anything. @default false */
  dryRun?: boolean | undefined;
}

/** What a read of chunks brought. */
export interface ChunkRead {
  /** Occurrences of the chunks read, in chunk order (may repeat ids across chunks). */
  occurrences: Occurrence[];
  /** The next chunk number to read. */
  cursor: number;
  /** Chunks read. */
  chunks: number;
  /** The uid of the head read (`undefined`: no memory in the cluster yet). */
  headUid: string | undefined;
  /** Whether the head was not the one expected (another cluster, or memory started anew): read from 1. */
  reset: boolean;
}

/** What one sync moved. */
export interface SyncReport {
  /** Occurrences read from the cluster that the local memory did not hold. */
  pulled: number;
  /** Local occurrences written to the cluster. */
  pushed: number;
}

/** Both sides of a synced memory. */
export interface SyncStats {
  /** What the cluster holds. */
  cluster: ClusterMemoryStats;
  /** Local occurrences not pushed yet. */
  pending: number;
}

/** Options of {@linkcode SyncedMemoryStore}. */
export interface SyncedMemoryStoreOptions {
  /** Where the sync position is kept. */
  state: SyncStatePort;
  /** Where a failed pull or push is said (neither fails the caller). @default silent */
  log?: Logger | undefined;
  /** A push compacts the cluster store when it holds this many chunks or more. @default 100 */
  compactAfterChunks?: number | undefined;
}
