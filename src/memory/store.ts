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

/** What compaction removed. */
export interface CompactReport {
  /** Graph nodes pruned (decayed below 0.01, no live relationship). */
  nodes: number;
  /** Graph relationships pruned (decayed below 0.05). */
  relationships: number;
  /** Manifest sets deleted because no service keeps them any more. */
  manifests: number;
}

/** Storage of memory: an append-only occurrence log (the source of truth) and what derives from it. */
export interface MemoryStore {
  /** Appends the occurrence to the log and learns from it; stores the manifest set first, if given. */
  record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void>;
  /** The current state (snapshot + replayed tail); callers must not change it. */
  load(): Promise<MemoryState>;
  /** Every occurrence in the log, oldest first. */
  occurrences(): Promise<Occurrence[]>;
  /** A stored manifest set, or `undefined` when it is unknown or no longer kept. */
  manifests(hash: string): Promise<KubeObject[] | undefined>;
  /** Prunes the graph, deletes manifest sets past retention, and rewrites the snapshot. */
  compact(): Promise<CompactReport>;
}
