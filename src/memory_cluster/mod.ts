/**
 * @module
 * Memory shared through the cluster: the occurrence log kept as immutable chunk ConfigMaps in
 * a namespace (`nopea-system`), and a MemoryStore that keeps a local store (under `.nopea/`,
 * the fast path and offline fallback) in sync with it, merging by occurrence id. Only
 * `sync_state_file.ts` touches the file system.
 */
export { ClusterOccurrenceStore } from "./cluster_store.ts";
export type {
  ChunkRead,
  ClusterCompactReport,
  ClusterMemoryStats,
  ClusterRetention,
  SyncedMemoryStoreOptions,
  SyncReport,
  SyncStats,
} from "./types.ts";
export { CHUNK_MAX_BYTES, DEFAULT_MEMORY_NAMESPACE } from "./chunks.ts";
export { RBAC_MANIFEST } from "./_denied.ts";
export { clusterSyncOf, registerClusterSync } from "./_registry.ts";
export { keptOccurrences } from "./retention.ts";
export { SyncedMemoryStore } from "./synced_store.ts";
export { inProcessSyncState, type SyncState, type SyncStatePort } from "./sync_state.ts";
export { fileSyncState, syncStatePath } from "./sync_state_file.ts";
