/** Which memory is synced with the cluster: operations reach the sync through the engine's memory. */
import type { Memory } from "../memory/mod.ts";
import type { SyncedMemoryStore } from "./synced_store.ts";

const synced = new WeakMap<Memory, SyncedMemoryStore>();

/**
 * Notes that `memory` keeps its occurrences in `store` (so `memory_sync` finds it); returns
 * `memory`.
 *
 * @example
 * ```ts
 * import { clusterSyncOf, inProcessSyncState, registerClusterSync, ClusterOccurrenceStore, SyncedMemoryStore } from "./mod.ts";
 * import { createMemory, InMemoryMemoryStore } from "../memory/mod.ts";
 * import { startHttpSandbox } from "../testing/mod.ts";
 * import { equal } from "node:assert/strict";
 * await using h = await startHttpSandbox();
 * const store = new SyncedMemoryStore(new InMemoryMemoryStore(), new ClusterOccurrenceStore(h.cluster), { state: inProcessSyncState() });
 * const memory = registerClusterSync(createMemory(store, { clock: h.clock }), store);
 * equal(clusterSyncOf(memory), store);
 * ```
 */
export function registerClusterSync(memory: Memory, store: SyncedMemoryStore): Memory {
  synced.set(memory, store);
  return memory;
}

/**
 * The cluster sync behind `memory`, or `undefined` when it uses the file store alone.
 *
 * @example
 * ```ts
 * import { clusterSyncOf } from "./mod.ts";
 * import { createMemory, InMemoryMemoryStore } from "../memory/mod.ts";
 * import { equal } from "node:assert/strict";
 * import { fixedClock } from "../testing/mod.ts";
 * equal(clusterSyncOf(createMemory(new InMemoryMemoryStore(), { clock: fixedClock() })), undefined);
 * ```
 */
export function clusterSyncOf(memory: Memory): SyncedMemoryStore | undefined {
  return synced.get(memory);
}
