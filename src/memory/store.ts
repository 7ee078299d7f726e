/** The MemoryStore port: where the occurrence log, the derived state and the manifest sets live. */
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import type { MemoryState } from "./state.ts";

/** A manifest set to keep for rollback: Secret values already masked. */
export interface StoredManifests {
  /** `manifestSetHash(objects)`. */
  hash: string;
  /** The objects, Secret values masked. */
  objects: readonly KubeObject[];
}

/** Options of {@linkcode MemoryStore.compact}: the log's retention, and whether only to report. */
export type CompactOptions = NonNullable<Parameters<MemoryStore["compact"]>[0]>;

/** What compaction removed (or, in a dry run, would remove). */
export interface CompactReport {
  /** Graph nodes pruned (decayed below 0.01, no live relationship). */
  nodes: number;
  /** Graph relationships pruned (decayed below 0.05). */
  relationships: number;
  /** Manifest sets deleted because no service keeps them any more. */
  manifests: number;
  /** Occurrences dropped from the log (what memory learned from them is kept). */
  occurrences: number;
  /** Occurrences the log keeps. */
  occurrencesKept: number;
  /** Whether this was a dry run (nothing changed). */
  dryRun: boolean;
}

/** Storage of memory: an append-only occurrence log (the source of truth) and what derives from it. */
export interface MemoryStore {
  /** Appends the occurrence to the log and learns from it; stores the manifest set first, if given. */
  record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void>;
  /** Appends several occurrences in order (an import) and learns from them. */
  recordAll(occurrences: readonly DeployOccurrence[]): Promise<void>;
  /** The current state (snapshot + replayed tail); callers must not change it. */
  load(): Promise<MemoryState>;
  /**
   * What `contextOf(state, service, …)` reads, as of now, when the store has a cheaper way
   * to it than {@linkcode MemoryStore.load} (the file store's context index); the rest of the
   * state may be missing, so it serves only `context`. Callers must not change it.
   */
  loadContext?(service: string): Promise<MemoryState>;
  /** Every occurrence in the log, oldest first. */
  occurrences(): Promise<Occurrence[]>;
  /** Calls `each` for every occurrence in the log, oldest first, reading it piece by piece. */
  eachOccurrence(each: (occurrence: Occurrence) => void): Promise<void>;
  /** A stored manifest set, or `undefined` when it is unknown or no longer kept. */
  manifests(hash: string): Promise<KubeObject[] | undefined>;
  /**
   * Prunes the graph, deletes manifest sets past retention, drops occurrences past the log's
   * retention that memory no longer needs, and rewrites the snapshot; a dry run only reports.
   */
  compact(options?: {
    /** Report what would go without changing anything. @default false */
    dryRun?: boolean | undefined;
    /** The newest occurrences kept per service, whatever their age. @default 100 */
    keepPerService?: number | undefined;
    /** Occurrences older than this many days before the last deploy are dropped. @default 30 */
    keepDays?: number | undefined;
  }): Promise<CompactReport>;
  /**
   * Checks, cheaply, that a record would be written (call it before changing anything).
   *
   * @throws {NopeaError} `MEMORY_IO` naming the directory and why it cannot be written.
   */
  checkWritable(): Promise<void>;
  /**
   * The store's random key for masking Secret values (HMAC-SHA256), created on first use; the
   * same for every process sharing the store.
   */
  secretKey(): Promise<Uint8Array>;
}
