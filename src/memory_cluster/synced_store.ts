/** SyncedMemoryStore: a local MemoryStore (the fast path) kept in sync with the cluster store. */
import type { KubeObject } from "../manifests/mod.ts";
import type { CompactReport, MemoryState, MemoryStore, StoredManifests } from "../memory/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import { silentLogger } from "../shared/mod.ts";
import { warningText } from "./_denied.ts";
import type { ClusterOccurrenceStore } from "./cluster_store.ts";
import type { SyncedMemoryStoreOptions, SyncReport, SyncStats } from "./types.ts";
import { contextState, pendingAfterPull, pullInto, pushPending } from "./_sync_steps.ts";
import { SerialPosition } from "./_serial_position.ts";

/**
 * A {@linkcode MemoryStore} whose reads pull what is new in the cluster first and whose records
 * are pushed after; both merge by occurrence id. When the cluster cannot be reached or refuses,
 * the local memory is used and the failure is logged as a warning; the next sync catches up.
 *
 * @example
 * ```ts
 * import { ClusterOccurrenceStore, inProcessSyncState, SyncedMemoryStore } from "./mod.ts";
 * import { InMemoryMemoryStore } from "../memory/mod.ts";
 * import { startHttpSandbox } from "../testing/mod.ts";
 * import { deepEqual } from "node:assert/strict";
 * await using h = await startHttpSandbox();
 * const remote = new ClusterOccurrenceStore(h.cluster);
 * const store = new SyncedMemoryStore(new InMemoryMemoryStore(), remote, { state: inProcessSyncState() });
 * deepEqual(await store.sync(), { pulled: 0, pushed: 0 });
 * ```
 */
export class SyncedMemoryStore implements MemoryStore {
  /** The cluster side. */
  readonly remote: ClusterOccurrenceStore;
  #local: MemoryStore;
  #compactAfter: number;
  #warn: (what: string, error: unknown, after?: string) => void;
  #position: SerialPosition;
  #key: Promise<Uint8Array> | undefined;

  /** `local` synced with `remote`, the position kept in `options.state`. */
  constructor(
    local: MemoryStore,
    remote: ClusterOccurrenceStore,
    options: SyncedMemoryStoreOptions,
  ) {
    this.#local = local;
    this.remote = remote;
    this.#compactAfter = options.compactAfterChunks ?? 100;
    const log = options.log ?? silentLogger;
    this.#warn = (what, e, after) => log.log("warn", warningText(what, remote.namespace, e, after));
    this.#position = new SerialPosition(options.state);
  }

  /** Pulls what is new, then pushes what the cluster lacks; failures are thrown. */
  sync(): Promise<SyncReport> {
    return this.#position.run(async (state) => {
      const pulled = await pullInto(this.#local, this.remote, state, true);
      const pushed = await pushPending(this.#local, this.remote, state);
      return { pulled, pushed };
    });
  }

  /** What the cluster holds and how much is still to push; failures are thrown. */
  async syncStats(): Promise<SyncStats> {
    const cluster = await this.remote.stats();
    return {
      cluster,
      pending: await this.#position.run((s) => pendingAfterPull(this.#local, this.remote, s)),
    };
  }

  async record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void> {
    await this.#local.record(occurrence, manifests);
    const sets = new Map(manifests ? [[manifests.hash, manifests.objects]] : []);
    await this.#pushQuietly([occurrence], sets);
  }

  async recordAll(occurrences: readonly DeployOccurrence[]): Promise<void> {
    await this.#local.recordAll(occurrences);
    await this.#pushQuietly(occurrences);
  }

  async load(): Promise<MemoryState> {
    return await this.#pullQuietly().then(() => this.#local.load());
  }

  /** What `context` reads, after a pull: the local store's cheap way to it when it has one. */
  async loadContext(service: string): Promise<MemoryState> {
    return await this.#pullQuietly().then(() => contextState(this.#local, service));
  }

  async occurrences(): Promise<Occurrence[]> {
    return await this.#pullQuietly().then(() => this.#local.occurrences());
  }

  async eachOccurrence(each: (occurrence: Occurrence) => void): Promise<void> {
    return await this.#pullQuietly().then(() => this.#local.eachOccurrence(each));
  }

  /** A manifest set from the local store, else from the cluster (deployed on another machine). */
  async manifests(hash: string): Promise<KubeObject[] | undefined> {
    const held = await this.#local.manifests(hash);
    if (held) return held;
    return await this.remote.readManifests(hash).catch((e) => {
      this.#warn("read a manifest set from", e);
      return undefined;
    });
  }

  async compact(options: Parameters<MemoryStore["compact"]>[0] = {}): Promise<CompactReport> {
    const report = await this.#local.compact(options);
    await this.remote.compact(options).catch((e) => this.#warn("compact memory in", e));
    return report;
  }

  checkWritable(): Promise<void> {
    return this.#local.checkWritable();
  }

  /** The cluster's masking key (shared by every machine); offline, the local one. */
  secretKey(): Promise<Uint8Array> {
    return this.#key ??= this.#local.secretKey().then((local) =>
      this.remote.secretKey(local).catch((e) => {
        this.#key = undefined;
        this.#warn("read the Secret masking key from", e, "; Secret values are masked locally");
        return local;
      })
    );
  }

  async #pullQuietly(): Promise<void> {
    await this.#position.run((state) => pullInto(this.#local, this.remote, state))
      .catch((e) => this.#warn("pull memory from", e));
  }

  async #pushQuietly(
    recorded: readonly Occurrence[],
    sets?: ReadonlyMap<string, readonly KubeObject[]>,
  ): Promise<void> {
    try {
      await this.#position.run((state) =>
        pushPending(this.#local, this.remote, state, recorded, sets)
      );
    } catch (e) {
      return this.#warn("push memory to", e, "; it is kept locally and the next sync pushes it");
    }
    if ((await this.remote.chunkCount().catch(() => 0)) < this.#compactAfter) return;
    await this.remote.compact({}).catch((e) => this.#warn("compact memory in", e));
  }
}
