/** createEngine: the composition root of Nopea's operations (STYLE R4). */
import type {
  DeployContext,
  DeployRecord,
  Explanation,
  HistoryOptions,
  Memory,
  ServiceSummary,
} from "../memory/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { DEFAULT_CANARY_THRESHOLD } from "../strategy/mod.ts";
import type { EngineContext, ResolvedOptions } from "./_engine_context.ts";
import { runUnlock, type UnlockResult } from "./deploy_lock.ts";
import { type DiffResult, runDiff } from "./diff.ts";
import { type DriftOptions, type DriftReport, runDrift } from "./drift.ts";
import { type HealOptions, type HealReport, runHeal } from "./heal.ts";
import { rolloutSettings } from "./progressive.ts";
import { runPromote } from "./promote.ts";
import { runRollback } from "./rollback.ts";
import { runDeploy } from "./run_deploy.ts";
import { serializeBy } from "./service_queue.ts";
import type {
  DeployOptions,
  DeployResult,
  DeploySpec,
  EngineDeps,
  EngineOptions,
  PromoteTarget,
  RollbackOptions,
} from "./types.ts";
import { type HealthReport, runHealth, runStatus, type ServiceStatus } from "./status.ts";

/** Nopea's operations, used by the CLI, MCP and HTTP through one catalogue. */
export interface Engine {
  /** Deploys manifests as a service; a failed deploy is a result, not an exception. */
  deploy(spec: DeploySpec, options?: DeployOptions): Promise<DeployResult>;
  /** What a deploy would change (server-side dry run). */
  diff(spec: DeploySpec): Promise<DiffResult>;
  /** What memory knows about a service before deploying it. */
  context(service: string, namespace?: string): Promise<DeployContext>;
  /** Memory's knowledge of a service in sentences. */
  explain(service: string, namespace?: string): Promise<Explanation>;
  /** Past deploys of a service, newest first. */
  history(service: string, options?: HistoryOptions): Promise<DeployRecord[]>;
  /** Every service memory knows. */
  services(): Promise<ServiceSummary[]>;
  /** The last deploy of a service and the live readiness of its objects. */
  status(service: string): Promise<ServiceStatus>;
  /** Whether Nopea can work: cluster reachable, memory readable, deploys running. */
  health(): Promise<HealthReport>;
  /** Promotes a progressive deploy waiting for promotion and follows it to its next stop. */
  promote(target: PromoteTarget, options?: DeployOptions): Promise<DeployResult>;
  /** Rolls a service back to its last good deploy, or to `options.to`. */
  rollback(service: string, options?: RollbackOptions): Promise<DeployResult>;
  /** Drift of a service: last applied (memory) vs desired (manifests, or last applied) vs live. */
  drift(service: string, options?: DriftOptions): Promise<DriftReport>;
  /** Re-applies what drifted in the cluster from the last deploy's manifests, per policy. */
  heal(service: string, options?: HealOptions): Promise<HealReport>;
  /**
   * Removes the deploy lock (Lease `nopea-<service>`) of a service; a fresh one only with
   * `force`, else `DEPLOY_IN_PROGRESS` naming who holds it.
   */
  unlock(service: string, namespace?: string, options?: { force?: boolean }): Promise<UnlockResult>;
  /** The memory, for stats, export, import and prune. */
  readonly memory: Memory;
}

function lockTtlOf(options: EngineOptions): number {
  const ttl = options.lockTtlMs ?? 60_000;
  if (!Number.isFinite(ttl) || ttl < 1000) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Cannot create the engine: option "lockTtlMs" must be at least 1000 milliseconds, got "${ttl}"`,
      { hint: "Pass lockTtlMs in milliseconds, e.g. 60000" },
    );
  }
  return ttl;
}

function resolveOptions(options: EngineOptions): ResolvedOptions {
  return {
    lockIdentity: options.lockIdentity ?? "nopea",
    lockTtlMs: lockTtlOf(options),
    ...rolloutSettings(options),
    canaryThreshold: options.canaryThreshold ?? DEFAULT_CANARY_THRESHOLD,
    podProblemToleranceMs: options.podProblemToleranceMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 300_000,
    applyConcurrency: options.applyConcurrency ?? 8,
    defaultNamespace: options.defaultNamespace ?? "default",
  };
}

/**
 * Creates the engine from its ports.
 *
 * @example Deploy one ConfigMap to an in-process sandbox cluster
 * ```ts
 * import { createEngine } from "./create_engine.ts";
 * import { testDeps } from "../testing/mod.ts";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const engine = createEngine(deps);
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { a: "1" } };
 * const result = await engine.deploy({ service: "web", namespace: "default", manifests: [cm] });
 * equal(result.status, "completed");
 * ```
 */
export function createEngine(deps: EngineDeps, options: EngineOptions = {}): Engine {
  const resolved = resolveOptions(options);
  const memory = deps.memory;
  const ctx: EngineContext = { deps, memory, options: resolved, queue: serializeBy() };
  return {
    deploy: (spec, opts) => runDeploy(ctx, spec, opts),
    diff: (spec) => runDiff(ctx, spec),
    context: (service, namespace) =>
      memory.context(service, namespace ?? resolved.defaultNamespace),
    explain: (service, namespace) => memory.explain(service, namespace),
    history: (service, opts) => memory.history(service, opts),
    services: () => memory.services(),
    status: (service) => runStatus(ctx, service),
    health: () => runHealth(ctx),
    promote: (target, opts) => runPromote(ctx, target, opts),
    rollback: (service, opts) => runRollback(ctx, service, opts),
    drift: (service, opts) => runDrift(ctx, service, opts),
    heal: (service, opts) => runHeal(ctx, service, opts),
    unlock: (service, namespace, opts) =>
      runUnlock(ctx, service, namespace ?? resolved.defaultNamespace, opts),
    memory,
  };
}
