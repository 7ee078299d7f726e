/** The messages between a parallel replay (`_fs_replay_parallel.ts`) and its reading worker. */
import type { ServiceState, StateOptions } from "./state.ts";

/** Main → worker: read the log on from a position, remembering into these services. */
export interface ReplayRun {
  type: "run";
  /** The occurrence log. */
  path: string;
  /** Where to start (just after a newline). */
  offset: number;
  /** Lines before `offset`. */
  lines: number;
  /** Lines a checkpoint accounts for (skipped). */
  covered: number;
  /** The log clock at `offset`. */
  clock: number;
  /** The per-service history at `offset`. */
  services: Map<string, ServiceState>;
  /** Manifest sets no service keeps, at `offset`. */
  evicted: Set<string>;
  /** History and manifest limits. */
  options: StateOptions;
}

/**
 * Worker → main, entries in log order (written and read by `_replay_batch.ts` and
 * `_replay_batch_read.ts`); main answers `{ type: "ack" }`.
 */
export interface ReplayBatch {
  type: "batch";
  /** Per entry, what it holds: 0, or flags and the counts of its images, dependencies, resources. */
  codes: Uint32Array;
  /** The log time of each entry. */
  times: Float64Array;
  /** The UTF-8 JSON text of an array of the service, status and images of entries naming images. */
  ahead: Uint8Array;
  /** The UTF-8 JSON text of arrays of the entries' other strings, one per `CHUNK` entries. */
  strings: Uint8Array;
  /** Where each array of `strings` ends. */
  chunks: Uint32Array;
}

/** Worker → main, last: where reading ended and the history as of there. */
export interface ReplayEnd {
  type: "end";
  /** Bytes consumed (just after a newline). */
  offset: number;
  /** Lines consumed. */
  lines: number;
  /** Bytes after the last newline (0 when stopped). */
  tail: number;
  /** Set when reading stopped before a line the worker does not ingest (main reads it). */
  stopped: boolean;
  /** The per-service history at `offset`. */
  services: Map<string, ServiceState>;
  /** Manifest sets no service keeps, at `offset`. */
  evicted: Set<string>;
}

/** Worker → main: reading failed (an I/O error). */
export interface ReplayFailure {
  type: "error";
  message: string;
}

/** Any message of the worker. */
export type ReplayMessage = ReplayBatch | ReplayEnd | ReplayFailure;
