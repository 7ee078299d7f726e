/** createEngine: the composition root of Nopea's operations (STYLE R4). */
import { NopeaError } from "../shared/mod.ts";
import { DEFAULT_CANARY_THRESHOLD } from "../strategy/mod.ts";
import type { EngineContext, ResolvedOptions } from "./_engine_context.ts";
import type { Engine } from "./_engine_interface.ts";
import { runContext, runExplain, runHistory, runUnlock } from "./_direct_operations.ts";
import { serviceOf } from "./_requests_check.ts";
import { runDeploy } from "./deploy_operation.ts";
import { runDiff } from "./diff_operation.ts";
import { runDrift } from "./drift_operation.ts";
import { runHeal } from "./heal_operation.ts";
import { runPromote } from "./promote_operation.ts";
import { runFollow } from "./follow_operation.ts";
import { runDelete } from "./delete_operation.ts";
import { runRollback } from "./rollback_operation.ts";
import { runResume, runSuspend, runSuspension } from "./suspend_operation.ts";
import { rolloutSettings } from "./rollout_steps.ts";
import { serializeBy } from "./service_queue.ts";
import { runHealth, runStatus } from "./status_operation.ts";
import type { EngineDeps, EngineOptions } from "./types.ts";

export type { Engine } from "./_engine_interface.ts";

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
  return {
    deploy: (spec, opts) => runDeploy(ctx, spec, opts),
    diff: (spec) => runDiff(ctx, spec),
    context: (q) => runContext(ctx, q),
    explain: (q) => runExplain(ctx, q),
    history: (q) => runHistory(ctx, q),
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
    unlock: (request) => runUnlock(ctx, request),
    delete: async (request, opts) =>
      await runDelete(ctx, { ...request, service: serviceOf(request, "delete") }, opts),
    memory,
    suspend: (request) => runSuspend(ctx, request),
    resume: (request) => runResume(ctx, request),
    suspension: (request) => runSuspension(ctx, request),
    follow: (query) => runFollow(ctx, { ...query, service: serviceOf(query, "follow") }),
  };
}
