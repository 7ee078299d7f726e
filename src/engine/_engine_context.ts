/** What every engine operation gets: the ports, the resolved options, the per-service queue. */
import type { Memory } from "../memory/mod.ts";
import type { DeployLock, LockPorts } from "../lock/mod.ts";
import type { KeyedQueue } from "./service_queue.ts";
import type { EngineDeps } from "./types.ts";

/** EngineOptions with every default filled in. */
export interface ResolvedOptions {
  canaryThreshold: number;
  podProblemToleranceMs: number;
  timeoutMs: number;
  applyConcurrency: number;
  /** The namespace of a spec that names none (called each time: it may read the kubeconfig). */
  defaultNamespace: () => string;
  /** How often a KULTA Rollout is polled, at most. */
  rolloutPollMs: number;
  /** How long a Rollout is followed before the deploy fails with a timeout. */
  rolloutMaxMs: number;
  /** The first part of a deploy lock's holder (`<lockIdentity>/<deployId>`). */
  lockIdentity: string;
  /** How long a deploy lock holds without renewal. */
  lockTtlMs: number;
}

/** The engine's internals, shared by its operations. */
export interface EngineContext {
  deps: EngineDeps;
  memory: Memory;
  options: ResolvedOptions;
  queue: KeyedQueue;
  /** The deploy lock the current operation holds, renewed at its progress points. */
  lock?: DeployLock;
}

/** The default namespace of an operation that names none. */
export function defaultNamespaceOf(ctx: EngineContext): string {
  return ctx.options.defaultNamespace();
}

/** What the deploy locks need of the engine: its cluster, clock, log, identity and lease length. */
export function lockPortsOf(ctx: EngineContext): LockPorts {
  const { cluster, clock, log } = ctx.deps;
  return { cluster, clock, log, identity: ctx.options.lockIdentity, ttlMs: ctx.options.lockTtlMs };
}
