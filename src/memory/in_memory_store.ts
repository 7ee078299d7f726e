/** InMemoryMemoryStore: the MemoryStore kept in memory; for tests, examples and embedding. */
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import { pruneGraph } from "./graph/mod.ts";
import { applyOccurrence } from "./replay.ts";
import { emptyState, type MemoryState, type StateOptions } from "./state.ts";
import type { CompactReport, MemoryStore, StoredManifests } from "./store.ts";

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
  #options: StateOptions;

  /** An empty store. */
  constructor(options: StateOptions = {}) {
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

  load(): Promise<MemoryState> {
    return Promise.resolve(this.#state);
  }

  occurrences(): Promise<Occurrence[]> {
    return Promise.resolve(this.#lines.map((l) => JSON.parse(l)));
  }

  manifests(hash: string): Promise<KubeObject[] | undefined> {
    const json = this.#manifests.get(hash);
    return Promise.resolve(json === undefined ? undefined : JSON.parse(json));
  }

  compact(): Promise<CompactReport> {
    const pruned = pruneGraph(this.#state.graph, this.#state.clock);
    let manifests = 0;
    for (const hash of this.#state.evicted) {
      if (this.#manifests.delete(hash)) manifests++;
    }
    this.#state.evicted.clear();
    return Promise.resolve({ ...pruned, manifests });
  }
}
