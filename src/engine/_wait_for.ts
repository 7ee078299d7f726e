/** The engine's readiness wait: waitReady with the deploy's deadline, tolerance, clock and events. */
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { DeployOptions } from "./types.ts";
import { type WaitOutcome, waitReady } from "../readiness/mod.ts";

/**
 * Waits for `resources` of `service` until `deadline` (ms since epoch); `answers` (what the
 * apply answered, by key) spares reading what they already show ready.
 */
export function waitForResources(
  ctx: EngineContext,
  service: string,
  resources: readonly ResourceKey[],
  deadline: number,
  options: DeployOptions,
  answers?: ReadonlyMap<string, KubeObject>,
): Promise<WaitOutcome> {
  return waitReady(ctx.deps.cluster, resources, {
    ...(answers ? { answers } : {}),
    timeoutMs: Math.max(0, deadline - ctx.deps.clock.now()),
    toleranceMs: ctx.options.podProblemToleranceMs,
    clock: ctx.deps.clock,
    sleep: ctx.deps.sleep,
    labelSelector: `nopea.io/service=${service}`,
    onProgress: (progress, elapsedMs) =>
      options.onEvent?.({ type: "waiting", resources: progress, elapsedMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
