/** Options of the file store: clock, logger, durability, compaction and the lock. */
import type { Clock, Logger } from "../shared/mod.ts";
import type { LogRetention } from "./compaction.ts";
import type { StateOptions } from "./state.ts";

/** Options of `FileMemoryStore`. */
export interface FileMemoryStoreOptions extends StateOptions, LogRetention {
  /** Time of the lock file, its staleness and the checkpoint. */
  clock: Clock;
  /** Where warnings go (a rebuilt snapshot, a torn line set aside, an unreadable manifest set). */
  log?: Logger;
  /** fsync every appended line. @default true */
  durable?: boolean;
  /**
   * Compact the log by itself once this many lines were appended since the last compaction;
   * 0: never. @default 20000
   */
  compactEvery?: number;
  /** A lock older than this is stale and taken over. @default 30000 */
  lockStaleMs?: number;
  /**
   * A load with at least this many bytes of log to read replays it with a worker thread (the
   * same state, sooner); 0: always. @default 33554432 (32 MiB)
   */
  parallelReplayBytes?: number;
}

/** Default of {@linkcode FileMemoryStoreOptions.compactEvery}. */
export const DEFAULT_COMPACT_EVERY = 20_000;
