/** createEngine: the composition root of Nopea's operations (STYLE R4). */
import type { DeployRecord, DeployResult } from "../deploys/mod.ts";
import { unlock, type UnlockResult } from "../lock/mod.ts";
import type { DeployContext, Explanation, Memory, ServiceSummary } from "../memory/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { DEFAULT_CANARY_THRESHOLD } from "../strategy/mod.ts";
import { defaultNamespaceOf, type EngineContext, type ResolvedOptions } from "./_engine_context.ts";
import { serviceOf } from "./_requests_check.ts";
import { serviceNamespace } from "./_service_namespace.ts";
import { runDeploy } from "./deploy_operation.ts";
import { type DiffResult, runDiff } from "./diff_operation.ts";
import { type DriftReport, runDrift } from "./drift_operation.ts";
import { type HealReport, runHeal } from "./heal_operation.ts";
import { runPromote } from "./promote_operation.ts";
import { runFollow } from "./follow_operation.ts";
import { runDelete } from "./delete_operation.ts";
import type {
  DeleteRequest,
  DriftRequest,
  HealRequest,
  HistoryQuery,
  RollbackRequest,
  ServiceQuery,
  UnlockRequest,
} from "./requests.ts";
import { runRollback } from "./rollback_operation.ts";
import {
  runResume,
  runSuspend,
  runSuspension,
  type SuspendRequest,
  type SyncSuspension,
} from "./suspend_operation.ts";
import { rolloutSettings } from "./rollout_steps.ts";
import { serializeBy } from "./service_queue.ts";
import { type HealthReport, runHealth, runStatus, type ServiceStatus } from "./status_operation.ts";
import type {
  DeployOptions,
  DeploySpec,
  EngineDeps,
  EngineOptions,
  PromoteTarget,
} from "./types.ts";

/** Nopea's operations, used by the library, the CLI, MCP and HTTP through one catalogue. */
export interface Engine {
  /** Deploys manifests as a service; a failed deploy is a result, not an exception. */
  deploy(spec: DeploySpec, options?: DeployOptions): Promise<DeployResult>;
  /** What a deploy would change (server-side dry run). */
  diff(spec: DeploySpec): Promise<DiffResult>;
  /** What memory knows about a service before deploying it. */
  context(query: ServiceQuery): Promise<DeployContext>;
  /** Memory's knowledge of a service in sentences. */
  explain(query: ServiceQuery): Promise<Explanation>;
  /** Past deploys of a service, newest first. */
  history(query: HistoryQuery): Promise<DeployRecord[]>;
  /** Every service memory knows. */
  services(): Promise<ServiceSummary[]>;
  /** The last deploy of a service and the live readiness of its objects. */
  status(query: ServiceQuery): Promise<ServiceStatus>;
  /** Whether Nopea can work: cluster reachable, memory readable, deploys running. */
  health(): Promise<HealthReport>;
  /** Promotes a progressive deploy waiting for promotion and follows it to its next stop. */
  promote(target: PromoteTarget, options?: DeployOptions): Promise<DeployResult>;
  /** Rolls a service back to its last good deploy, or to `request.to`. */
  rollback(request: RollbackRequest, options?: DeployOptions): Promise<DeployResult>;
  /** Drift of a service: last applied (memory) vs desired (manifests, or last applied) vs live. */
  drift(request: DriftRequest): Promise<DriftReport>;
  /** Re-applies what drifted in the cluster from the last deploy's manifests, per policy. */
  heal(request: HealRequest, options?: DeployOptions): Promise<HealReport>;
  /**
   * Removes the deploy lock (Lease `nopea-<service>`) of a service; a fresh one only with
   * `force`, else `DEPLOY_IN_PROGRESS` naming who holds it.
   */
  unlock(request: UnlockRequest): Promise<UnlockResult>;
  /**
   * Deletes the objects Nopea last applied of a service (reverse order; Namespaces and CRDs
   * only when asked), waits until they are gone and records it; memory keeps the history.
   */
  delete(request: DeleteRequest, options?: DeployOptions): Promise<DeployResult>;
  /** The memory, for stats, export, import and prune. */
  readonly memory: Memory;
  /** Suspends syncing of a service by `nopea watch` (every watch process sees it). */
  suspend(request: SuspendRequest): Promise<SyncSuspension>;
  /** Resumes syncing of a service by `nopea watch`. */
  resume(request: SuspendRequest): Promise<SyncSuspension>;
  /** Whether syncing of a service by `nopea watch` is suspended. */
  suspension(request: SuspendRequest): Promise<SyncSuspension>;
  /**
   * Completes the record of a service's progressing canary or blue-green once KULTA finished
   * its Rollout (the background monitor of `nopea watch`); `undefined` while it is under way.
   */
  follow(query: ServiceQuery): Promise<DeployResult | undefined>;
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
  const ns = options.defaultNamespace ?? "default";
  return {
    lockIdentity: options.lockIdentity ?? "nopea",
    lockTtlMs: lockTtlOf(options),
    ...rolloutSettings(options),
    canaryThreshold: options.canaryThreshold ?? DEFAULT_CANARY_THRESHOLD,
    podProblemToleranceMs: options.podProblemToleranceMs ?? 60_000,
    timeoutMs: options.timeoutMs ?? 300_000,
    applyConcurrency: options.applyConcurrency ?? 64,
    defaultNamespace: typeof ns === "function" ? ns : () => ns,
  };
}

/**
 * Creates the engine from its ports (see `openEngine` for one call that wires the real ones).
 *
 * @example Deploy one ConfigMap to an in-process sandbox cluster
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
export function createEngine(deps: EngineDeps, options: EngineOptions = {}): Engine {
  const resolved = resolveOptions(options);
  const memory = deps.memory;
  const ctx: EngineContext = { deps, memory, options: resolved, queue: serializeBy() };
  const strategyOf = (q: ServiceQuery) => ({
    canaryThreshold: q.canaryThreshold ?? resolved.canaryThreshold,
  });
  return {
    deploy: (spec, opts) => runDeploy(ctx, spec, opts),
    diff: (spec) => runDiff(ctx, spec),
    context: async (q) => {
      const service = serviceOf(q, "context");
      const { namespace } = await serviceNamespace(ctx, service, q.namespace);
      return await memory.context(service, namespace, strategyOf(q));
    },
    explain: async (q) => {
      const service = serviceOf(q, "explain");
      const { namespace } = await serviceNamespace(ctx, service, q.namespace);
      return await memory.explain(service, namespace, strategyOf(q));
    },
    history: async (q) =>
      await memory.history(serviceOf(q, "history"), {
        ...(q.limit === undefined ? {} : { limit: q.limit }),
        ...(q.since === undefined ? {} : { since: q.since }),
        ...(q.status === undefined ? {} : { status: q.status }),
      }),
    services: () => memory.services(),
    status: async (q) => await runStatus(ctx, serviceOf(q, "status"), q.namespace),
    health: () => runHealth(ctx),
    promote: (target, opts) => runPromote(ctx, target, opts),
    rollback: async (request, opts) =>
      await runRollback(ctx, { ...request, service: serviceOf(request, "rollback") }, opts),
    drift: async (request) =>
      await runDrift(ctx, { ...request, service: serviceOf(request, "drift") }),
    heal: async (request, opts) =>
      await runHeal(ctx, { ...request, service: serviceOf(request, "heal") }, opts),
    unlock: async (request) => {
      const { cluster, clock, log } = deps;
      const ports = {
        cluster,
        clock,
        log,
        identity: resolved.lockIdentity,
        ttlMs: resolved.lockTtlMs,
      };
      const service = serviceOf(request, "unlock");
      const namespace = request.namespace ?? defaultNamespaceOf(ctx);
      return await unlock(ports, service, namespace, { force: request.force ?? false });
    },
    delete: async (request, opts) =>
      await runDelete(ctx, { ...request, service: serviceOf(request, "delete") }, opts),
    memory,
    suspend: (request) => runSuspend(ctx, request),
    resume: (request) => runResume(ctx, request),
    suspension: (request) => runSuspension(ctx, request),
    follow: (query) => runFollow(ctx, { ...query, service: serviceOf(query, "follow") }),
  };
}
