/**
 * @module
 * Nopea deploys Kubernetes manifests and remembers every deploy: a knowledge
 * graph of what happened informs the next deploy (strategy, explanations,
 * drift, rollback). This entry point exports the engine, its types and the
 * building blocks; `./testing` exports an in-process sandbox cluster for tests.
 *
 * @example Deploy a ConfigMap to an in-process sandbox cluster
 * ```ts
 * import { createEngine } from "./mod.ts";
 * import { testDeps } from "./src/testing/mod.ts";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const engine = createEngine(deps);
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { a: "1" } };
 * const result = await engine.deploy({ service: "web", namespace: "default", manifests: [cm] });
 * equal(result.status, "completed");
 * ```
 */
export {
  createEngine,
  type DeployEvent,
  type DeployOptions,
  type DeployResult,
  type DeploySpec,
  type DeployStatus,
  type DiffResult,
  type DriftEntry,
  type Engine,
  type EngineDeps,
  type EngineOptions,
  type HealthReport,
  type LiveResource,
  type PromoteTarget,
  type ResourceAction,
  type ResourceOutcome,
  type RollbackOptions,
  type ServiceStatus,
  type Strategy,
} from "./src/engine/mod.ts";
export {
  type Clock,
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  fixedClock,
  type IdSource,
  isNopeaError,
  lineLogger,
  type Logger,
  type LogLevel,
  type ManualClock,
  NopeaError,
  type NopeaErrorOptions,
  parseDuration,
  seqIds,
  silentLogger,
  systemClock,
  toErrorBody,
  ulidSource,
} from "./src/shared/mod.ts";
export {
  formatKey,
  keyOf,
  type KubeObject,
  type LoadedManifests,
  loadManifestFiles,
  loadManifestSources,
  ManifestError,
  ManifestErrors,
  type ManifestSource,
  type ObjectMeta,
  parseManifests,
  type ResourceKey,
  validateManifests,
} from "./src/manifests/mod.ts";
export { type DeployPlan, planDeploy, type PlanOptions } from "./src/plan/mod.ts";
export {
  type ApplyOptions,
  type ClusterPort,
  KubeCluster,
  type KubeClusterOptions,
  loadKubeConfig,
  type ResourceInfo,
} from "./src/kube/mod.ts";
export {
  classifyError,
  createMemory,
  type DeployContext,
  type DeployRecord,
  type Explanation,
  FileMemoryStore,
  InMemoryMemoryStore,
  type Memory,
  type MemoryStore,
  nodeId,
  type ServiceSummary,
} from "./src/memory/mod.ts";
export { selectStrategy, type StrategyChoice } from "./src/strategy/mod.ts";
export {
  type DriftResult,
  normalize,
  renderDiff,
  threeWayDiff,
  verifyApplied,
} from "./src/drift/mod.ts";
export { buildOccurrence, type Occurrence } from "./src/occurrences/mod.ts";
export { type Readiness, readinessOf } from "./src/readiness/mod.ts";
export { type Sandbox, type SandboxOptions, startSandbox } from "./src/sandbox/mod.ts";
