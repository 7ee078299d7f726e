/** ClusterOccurrenceStore: the occurrence log kept in the cluster, as immutable chunk ConfigMaps. */
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import type { Occurrence } from "../occurrences/mod.ts";
import { DEFAULT_MEMORY_NAMESPACE } from "./chunks.ts";
import { compactChunks } from "./_compact.ts";
import { onMemory } from "./_denied.ts";
import { readHead } from "./_head.ts";
import { readManifestSet, writeManifestSet } from "./_manifest_sets.ts";
import { sharedSecretKey } from "./_secret_key.ts";
import { listChunks, readChunksSince } from "./_read_chunks.ts";
import { writeChunks } from "./_write_chunks.ts";
import { uniqueByTime } from "./retention.ts";
import type {
  ChunkRead,
  ClusterCompactReport,
  ClusterMemoryStats,
  ClusterRetention,
} from "./types.ts";

function writerId(): string {
  return `nopea-memory/${crypto.randomUUID()}`;
}

/**
 * The occurrence log in the cluster: chunk ConfigMaps `nopea-memory-<n>` (created once, never
 * changed) and the head `nopea-memory-head`, in one namespace. Concurrent writers never
 * overwrite each other; readers merge by occurrence id.
 *
 * @example
 * ```ts
 * import { ClusterOccurrenceStore } from "./cluster_store.ts";
 * import { startHttpSandbox } from "../testing/mod.ts";
 * import { equal } from "node:assert/strict";
 * await using h = await startHttpSandbox();
 * const store = new ClusterOccurrenceStore(h.cluster);
 * equal((await store.stats()).chunks, 0);
 * ```
 */
export class ClusterOccurrenceStore {
  /** The namespace of the memory objects. */
  readonly namespace: string;
  #cluster: ClusterPort;

  /** A store in `namespace` (created on the first write when it does not exist). */
  constructor(cluster: ClusterPort, options: { namespace?: string | undefined } = {}) {
    this.#cluster = cluster;
    this.namespace = options.namespace ?? DEFAULT_MEMORY_NAMESPACE;
  }

  /**
   * Occurrences of the chunks numbered `cursor` (from 1) or more, and the next cursor; from 1
   * when the head is not the one `headUid` names.
   */
  readSince(cursor: number, headUid?: string): Promise<ChunkRead> {
    return readChunksSince(this.#cluster, this.namespace, { cursor, headUid });
  }

  /** Writes occurrences as new chunks (at least one). */
  async write(occurrences: readonly Occurrence[]): Promise<void> {
    const lines = occurrences.map((o) => JSON.stringify(o));
    await writeChunks(this.#cluster, this.namespace, lines, writerId());
  }

  /** Chunk numbers in use since the last compaction (one GET of the head). */
  async chunkCount(): Promise<number> {
    const head = await onMemory(
      "get",
      this.namespace,
      () => readHead(this.#cluster, this.namespace),
    );
    return head.seq - head.floor;
  }

  /** Every occurrence in the cluster, once each, oldest first. */
  async all(): Promise<Occurrence[]> {
    return uniqueByTime((await this.readSince(1)).occurrences);
  }

  /** Counts of what the cluster holds. */
  async stats(): Promise<ClusterMemoryStats> {
    const [chunks, head] = await Promise.all([
      listChunks(this.#cluster, this.namespace),
      onMemory("get", this.namespace, () => readHead(this.#cluster, this.namespace)),
    ]);
    const read = await this.readSince(1);
    const ids = new Set(read.occurrences.map((o) => o.id));
    return {
      namespace: this.namespace,
      chunks: chunks.size,
      occurrences: ids.size,
      head: head.seq,
    };
  }

  /**
   * Rewrites every chunk into as few as fit, dropping what is past `retention` (the file store's
   * policy), and deletes manifest sets no kept occurrence names; a dry run only reports.
   */
  compact(retention: ClusterRetention): Promise<ClusterCompactReport> {
    return compactChunks(this.#cluster, this.namespace, retention, writerId());
  }

  /** Stores a manifest set (for rollback anywhere); `false` when it is too large for one object. */
  writeManifests(hash: string, objects: readonly KubeObject[]): Promise<boolean> {
    return writeManifestSet(this.#cluster, this.namespace, hash, objects);
  }

  /** The Secret masking key every machine shares; `proposed` becomes it when there is none. */
  secretKey(proposed: Uint8Array): Promise<Uint8Array> {
    return sharedSecretKey(this.#cluster, this.namespace, proposed);
  }

  /** A manifest set the cluster holds, or `undefined`. */
  readManifests(hash: string): Promise<KubeObject[] | undefined> {
    return readManifestSet(this.#cluster, this.namespace, hash);
  }
}
