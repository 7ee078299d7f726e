/** The engine's per-call deploy options, from what the door put in the operation context. */
import type { DeployOptions } from "../engine/mod.ts";
import type { RunContext } from "./operation.ts";

/** Progress and cancellation for operations that deploy: one hook, whichever door calls. */
export function deployOptionsOf(ctx: RunContext): DeployOptions {
  return {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.onProgress ? { onEvent: ctx.onProgress } : {}),
  };
}
