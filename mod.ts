/**
 * @module
 * Nopea deploys Kubernetes manifests and remembers every deploy: a knowledge graph of what
 * happened informs the next deploy (strategy, explanations, drift, rollback).
 *
 * - `openEngine()` wires the real cluster (kubeconfig) and memory (`.nopea/`) in one call;
 *   `createEngine(deps)` builds an engine from ports you choose.
 * - One set of deploy types: `DeployResult` (a live call) is `DeployRecord` (what memory
 *   keeps) plus dry run and drift.
 * - `@nopea/nopea/testing` has an in-process sandbox cluster for tests; `@nopea/nopea/sandbox`
 *   is the Kubernetes API emulator itself.
 *
 * @example Deploy YAML to an in-process sandbox cluster
 * ```ts
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const engine = createEngine(deps);
 * const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: '1'}\n";
 * const result = await engine.deploy({ service: "web", manifests: yaml });
 * equal(result.status, "completed");
 * ```
 */

// One call to a real engine: settings resolved once, the kubeconfig's cluster, memory on disk.
export {
  type NopeaSettings,
  type OpenedEngine,
  openEngine,
  type OpenEngineOptions,
  resolveSettings,
  SETTINGS_VARIABLES,
  type SettingsOptions,
} from "./src/wiring/mod.ts";

// The engine and its operations.
export {
  createEngine,
  type DeleteRequest,
  type DeployEvent,
  type DeployOptions,
  type DeploySpec,
  type DiffResult,
  type DriftReport,
  type DriftRequest,
  type Engine,
  type EngineDeps,
  type EngineOptions,
  type HealPolicy,
  type HealReport,
  type HealRequest,
  type HealSkip,
  type HealthReport,
  type HistoryQuery,
  type LiveResource,
  type PromoteTarget,
  type RollbackRequest,
  type ServiceQuery,
  type ServiceStatus,
  type SuspendRequest,
  type SyncSuspension,
  type UnlockRequest,
} from "./src/engine/mod.ts";
export type { UnlockResult } from "./src/lock/mod.ts";
export type { PodProblem } from "./src/readiness/mod.ts";
export type { CanaryStep, RolloutAnalysis, RolloutMetric } from "./src/strategy/mod.ts";
export type { RolloutView } from "./src/progressive/mod.ts";
export type {
  DiffAction,
  DiffEntry,
  DriftClass,
  DriftField,
  DriftResult,
} from "./src/drift/mod.ts";

// What a deploy is: one set of types shared by memory, occurrences and every door.
export {
  type DeployError,
  type DeployOperation,
  type DeployRecord,
  type DeployResult,
  type DeployStatus,
  type DeployTrigger,
  type DriftEntry,
  isInfrastructureFault,
  isRecovery,
  isServiceFailure,
  parseDeployRecord,
  recordOf,
  type ResourceAction,
  type ResourceOutcome,
  type ResourceReadiness,
  type SourceRevision,
  type Strategy,
} from "./src/deploys/mod.ts";

// Faults.
export {
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  isNopeaError,
  NopeaError,
  type NopeaErrorOptions,
} from "./src/shared/mod.ts";

// Memory.
export {
  type CompactOptions,
  type CompactReport,
  createMemory,
  type DayStats,
  type DeployContext,
  type DeployWindow,
  type DoraMetrics,
  type Explanation,
  type FailurePattern,
  type FailureRate,
  FileMemoryStore,
  type GraphJson,
  type GraphNode,
  type GraphRelationship,
  type HistoryEntry,
  type HistoryOptions,
  InMemoryMemoryStore,
  type Memory,
  type MemoryExport,
  type MemoryGraph,
  type MemoryOptions,
  type MemoryState,
  type MemoryStats,
  type MemoryStore,
  type NodeJson,
  type NodeKind,
  type PruneOptions,
  type PruneReport,
  type RecordOptions,
  type Relation,
  type RelationshipJson,
  type Seen,
  type ServiceLink,
  type ServiceState,
  type ServiceSummary,
  type StoredManifests,
  type StrategyOptions,
} from "./src/memory/mod.ts";

// Memory shared through the cluster (`--memory-store cluster`).
export {
  type ChunkRead,
  type ClusterCompactReport,
  type ClusterMemoryStats,
  ClusterOccurrenceStore,
  type ClusterRetention,
  clusterSyncOf,
  fileSyncState,
  inProcessSyncState,
  registerClusterSync,
  SyncedMemoryStore,
  type SyncedMemoryStoreOptions,
  type SyncReport,
  type SyncState,
  type SyncStatePort,
  type SyncStats,
} from "./src/memory_cluster/mod.ts";

// Manifests and the cluster.
export {
  fileSchemaCheckCache,
  formatKey,
  inMemorySchemaCheckCache,
  keyOf,
  type KubeObject,
  type LoadedManifests,
  loadManifestFiles,
  type LoadManifestFilesOptions,
  loadManifestSources,
  loadYamlReader,
  type LocatedObject,
  type ManagedFieldsEntry,
  ManifestError,
  ManifestErrors,
  type ManifestLocation,
  type ManifestSource,
  type ManifestWarning,
  type ObjectMeta,
  type ResourceKey,
  type SchemaCheckCache,
  type ValidateOptions,
} from "./src/manifests/mod.ts";
export {
  type ApplyOptions,
  type ClusterPort,
  type DeleteOptions,
  KubeCluster,
  type KubeClusterOptions,
  type KubeconfigCluster,
  type KubeconfigContext,
  type KubeconfigEntries,
  type KubeconfigUser,
  type KubeConfigView,
  type ListOptions,
  loadKubeConfig,
  type LoadKubeConfigOptions,
  ParsedKubeConfig,
  type PatchOptions,
  type ResourceInfo,
  type WatchEvent,
  type WatchHandle,
} from "./src/kube/mod.ts";

// Ports' building blocks: time, ids, logs, events, occurrences.
export {
  type Clock,
  type IdSource,
  lineLogger,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogRecord,
  silentLogger,
  systemClock,
  ulidSource,
} from "./src/shared/mod.ts";
export {
  type CdEnvironment,
  type CdEvent,
  type CdEventContext,
  CDEVENTS_VERSION,
  type CdEventSubject,
  type CdEventType,
  type EventSink,
  HttpEventEmitter,
  type IncidentContent,
  type ServiceContent,
} from "./src/events/mod.ts";
export {
  buildOccurrence,
  type BuildOccurrenceOptions,
  type CorrelationKey,
  type DeployData,
  type DeployOccurrence,
  type Entity,
  type History,
  type HistoryStep,
  type Occurrence,
  type OccurrenceContext,
  type OccurrenceError,
  type OccurrenceMemoryContext,
  type Outcome,
  type PatternMatch,
  type Reasoning,
  type Severity,
} from "./src/occurrences/mod.ts";
export type { SecretEncoding, SecretMasker } from "./src/secrets/mod.ts";

// GitOps: `nopea watch` as a library (docs/gitops.md).
export {
  createWatchApp,
  createWatcher,
  type DriftNotice,
  type DriftNotifier,
  type GitAuth,
  type GitLocation,
  type GitPort,
  httpDriftNotifier,
  type HttpDriftNotifierOptions,
  isomorphicGit,
  type RepositoryController,
  type RepositoryControllerDeps,
  type SourceCondition,
  type SourceDeploySettings,
  type SourceInput,
  type SourcePhase,
  type SourceState,
  type SourceStatus,
  startRepositoryController,
  type SyncDeps,
  type SyncOutcome,
  type WatchApp,
  type WatchAppOptions,
  type Watcher,
  type WatcherDeps,
  type WatchSource,
  watchSourceOf,
} from "./src/gitops/mod.ts";

// The synchronous manifest readers (`loadManifestSources`) need the full YAML reader for YAML
// beyond the plain subset; the CLI loads it only when a file needs it.
import { loadYamlReader } from "./src/manifests/mod.ts";
await loadYamlReader();
