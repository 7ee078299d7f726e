/**
 * @module
 * Memory: the event-sourced knowledge graph of deploys. The occurrence log is
 * the source of truth; the graph, per-service history and DORA figures are a
 * pure function of it and the clock. Queries (context, history, services,
 * explain, stats), the `MemoryStore` port with a file and an in-memory store.
 * Only `file_store.ts` and its `_fs_*` helpers touch the file system.
 */
export {
  type ClassifiableError,
  classifyError,
  ERROR_CLASS_ADVICE,
  ERROR_CLASSES,
  type ErrorClass,
  errorClassOf,
} from "./classify.ts";
export type { DeployContext, FailurePattern, HistoryEntry, ServiceLink } from "./context.ts";
export type { DoraMetrics } from "./dora.ts";
export type { Explanation } from "./explain.ts";
export { DEFAULT_KEEP_DAYS, DEFAULT_KEEP_PER_SERVICE, type LogRetention } from "./compaction.ts";
export { FileMemoryStore } from "./file_store.ts";
export { DEFAULT_COMPACT_EVERY, type FileMemoryStoreOptions } from "./file_store_options.ts";
export {
  decayed,
  ewma,
  type GraphJson,
  type GraphNode,
  type GraphRelationship,
  type MemoryGraph,
  nodeId,
  type NodeJson,
  type NodeKind,
  type Relation,
  type RelationshipJson,
  type Seen,
  weaken,
} from "./graph/mod.ts";
export { InMemoryMemoryStore, type InMemoryMemoryStoreOptions } from "./in_memory_store.ts";
export {
  createMemory,
  type Memory,
  type MemoryExport,
  type MemoryOptions,
  type PruneOptions,
  type PruneReport,
  type RecordOptions,
  type StrategyOptions,
} from "./memory.ts";
export { type MemoryDirSources, resolveMemoryDir } from "./memory_dir.ts";
export { manifestSetHash } from "./manifest_hash.ts";
// Kept for src/apply/_live_state.ts until it imports `maskForStore` from src/secrets/mod.ts.
export { SNAPSHOT_VERSION } from "./snapshot.ts";
export type { DayStats, DeployWindow, MemoryState, ServiceState, StateOptions } from "./state.ts";
export type { CompactOptions, CompactReport, MemoryStore, StoredManifests } from "./store.ts";
export type { HistoryOptions, MemoryStats, ServiceSummary } from "./views.ts";
export {
  FAILURE_RATE_DISCOUNT,
  FAILURE_RATE_PRIOR,
  FAILURE_RATE_WINDOW,
  type FailureRate,
  failureRateOf,
  outcomeOf,
} from "./failure_rate.ts";
