/** The messages between a parallel replay (`_fs_replay_parallel.ts`) and its reading worker. */
import type { DeployStatus } from "../deploys/mod.ts";
import type { LearnedFields } from "./_learned_fields.ts";
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
 * One ingested occurrence for the learning thread: its id, log time, and what the graph learns
 * from (the record; 0: nothing).
 */
export type LearnEntry = [id: string, time: number, record: LearnedFields | 0];

/**
 * What the learning thread looks ahead at, per entry: its log time and, when the graph learns
 * images from it, the service, status and images.
 */
export type EntryMeta =
  | [time: number]
  | [time: number, service: string, status: DeployStatus, images: string[]];

/**
 * Worker → main, entries in log order (see `_replay_batch.ts`); main answers `{ type: "ack" }`.
 */
export interface ReplayBatch {
  type: "batch";
  /** The UTF-8 JSON text of each `LearnEntry`, one after the other. */
  entries: Uint8Array;
  /** Where each entry's text ends in `entries`. */
  ends: Uint32Array;
  /** The UTF-8 JSON text of one `EntryMeta` per entry, as an array. */
  meta: Uint8Array;
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
