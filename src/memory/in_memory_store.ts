/** InMemoryMemoryStore: the MemoryStore kept in memory; for tests, examples and embedding. */
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import { graphFromJson, graphToJson, pruneGraph } from "./graph/mod.ts";
import { type LogRetention, planCompaction, retentionOf } from "./compaction.ts";
import { LineTable } from "./line_table.ts";
import { applyOccurrence } from "./replay.ts";
import { emptyState, type MemoryState, type StateOptions } from "./state.ts";
import type { CompactReport, MemoryStore, StoredManifests } from "./store.ts";

/** Options of {@linkcode InMemoryMemoryStore}: what memory keeps, and the log's retention. */
export interface InMemoryMemoryStoreOptions extends StateOptions, LogRetention {}

/**
 * A {@linkcode MemoryStore} in memory. It keeps the log as JSON lines and learns
 * through the same replay as the file store, so both behave alike.
 *
 * @example
 * ```ts
 * import { InMemoryMemoryStore } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const store = new InMemoryMemoryStore();
 * equal((await store.load()).services.size, 0);
 * ```
 */
export class InMemoryMemoryStore implements MemoryStore {
  #lines: string[] = [];
  #state: MemoryState = emptyState();
  #manifests = new Map<string, string>();
  #options: InMemoryMemoryStoreOptions;

  /** An empty store. */
  constructor(options: InMemoryMemoryStoreOptions = {}) {
    this.#options = options;
  }

  record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void> {
    if (manifests) this.#manifests.set(manifests.hash, JSON.stringify(manifests.objects));
    const line = JSON.stringify(occurrence);
    this.#lines.push(line);
    this.#state.lines++;
    applyOccurrence(
      this.#state,
      JSON.parse(line),
      `memory line ${this.#lines.length}`,
      this.#options,
    );
    return Promise.resolve();
  }

  async recordAll(occurrences: readonly DeployOccurrence[]): Promise<void> {
    for (const occurrence of occurrences) await this.record(occurrence);
  }

  load(): Promise<MemoryState> {
    return Promise.resolve(this.#state);
  }

  async eachOccurrence(each: (occurrence: Occurrence) => void): Promise<void> {
    for (const occurrence of await this.occurrences()) each(occurrence);
  }

  occurrences(): Promise<Occurrence[]> {
    return Promise.resolve(this.#lines.map((l) => JSON.parse(l)));
  }

  manifests(hash: string): Promise<KubeObject[] | undefined> {
    const json = this.#manifests.get(hash);
    return Promise.resolve(json === undefined ? undefined : JSON.parse(json));
  }

  compact(options: Parameters<MemoryStore["compact"]>[0] = {}): Promise<CompactReport> {
    const state = this.#state;
    const table = new LineTable();
    this.#lines.forEach((line, i) => {
      table.add(state, line, { file: "memory", lineNo: i + 1, start: 0, end: 0 });
    });
    const plan = planCompaction(table, state.clock, retentionOf(options, this.#options));
    const graph = options.dryRun ? graphFromJson(graphToJson(state.graph)) : state.graph;
    const pruned = pruneGraph(graph, state.clock);
    let manifests = 0;
    for (const hash of state.evicted) {
      if (this.#manifests.has(hash)) manifests++;
      if (!options.dryRun) this.#manifests.delete(hash);
    }
    if (!options.dryRun) {
      state.evicted.clear();
      this.#lines = this.#lines.filter((_, i) => plan.keep[i] === 1);
    }
    return Promise.resolve({
      ...pruned,
      manifests,
      occurrences: plan.dropped,
      occurrencesKept: plan.kept,
      dryRun: options.dryRun === true,
    });
  }

  checkWritable(): Promise<void> {
    return Promise.resolve();
  }

  #key = crypto.getRandomValues(new Uint8Array(32));

  secretKey(): Promise<Uint8Array> {
    return Promise.resolve(this.#key);
  }
}
