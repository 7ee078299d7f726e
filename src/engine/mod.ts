/**
 * @module
 * The engine: `createEngine(deps, options)` composes Nopea's operations (deploy, diff,
 * rollback, promote, drift, heal, status, context, explain, history, services, health,
 * unlock) from its ports. It holds operations only: it knows the order of the steps and how
 * every operation's outcome is recorded; the mechanics live in apply/, lock/, readiness/,
 * progressive/, drift/ and memory/. It touches no transport and reads no environment.
 */
export { createEngine, type Engine } from "./create_engine.ts";
export type { DiffResult } from "./diff_operation.ts";
export type { DriftReport } from "./drift_operation.ts";
export type { HealReport } from "./heal_operation.ts";
export type { HealPolicy, HealSkip } from "./_heal_selection.ts";
export type { HealthReport, LiveResource, ServiceStatus } from "./status_operation.ts";
export type {
  DeleteRequest,
  DriftRequest,
  HealRequest,
  HistoryQuery,
  RollbackRequest,
  ServiceQuery,
  UnlockRequest,
} from "./requests.ts";
export type {
  DeployEvent,
  DeployOptions,
  DeploySpec,
  EngineDeps,
  EngineOptions,
  PromoteTarget,
} from "./types.ts";
export { type KeyedQueue, serializeBy } from "./service_queue.ts";
export type { SuspendRequest, SyncSuspension } from "./suspend_operation.ts";
