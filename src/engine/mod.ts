/**
 * @module
 * The engine: `createEngine(deps, options)` composes Nopea's operations (deploy,
 * diff, context, explain, history, services, status, health) from its ports.
 * It is the only folder that knows the order of the deploy steps; it touches no
 * transport and reads no environment.
 */
export { createEngine, type Engine } from "./create_engine.ts";
export type { UnlockResult } from "./deploy_lock.ts";
export type { DiffResult } from "./diff.ts";
export type { DriftOptions, DriftReport } from "./drift.ts";
export type { HealOptions, HealReport } from "./heal.ts";
export type { HealPolicy, HealSkip } from "./_heal_select.ts";
export type { HealthReport, LiveResource, ServiceStatus } from "./status.ts";
export type {
  DeployEvent,
  DeployOptions,
  DeployResult,
  DeploySpec,
  DeployStatus,
  DriftEntry,
  EngineDeps,
  EngineOptions,
  PromoteTarget,
  ResourceAction,
  ResourceOutcome,
  RollbackOptions,
  Strategy,
} from "./types.ts";
export { type KeyedQueue, serializeBy } from "./service_queue.ts";
