/** The CDEvent of a recorded deploy, handed to `deps.events`; never changes the result. */
import { buildDeployEvent } from "../events/mod.ts";
import type { DeployRun } from "./_deploy_run.ts";
import type { EngineContext } from "./_engine_context.ts";
import type { DeployResult } from "../deploys/mod.ts";

/** Whether memory holds an earlier deploy of the service in this namespace that completed. */
async function ranBefore(ctx: EngineContext, result: DeployResult): Promise<boolean> {
  try {
    const history = await ctx.memory.history(result.service, { limit: 100 });
    return history.some((r) =>
      r.deployId !== result.deployId && r.namespace === result.namespace &&
      (r.status === "completed" || r.status === "rolledback")
    );
  } catch (error) {
    ctx.deps.log.log("warn", "reading memory for the CDEvent failed; announcing an upgrade", {
      deployId: result.deployId,
      error: String(error),
    });
    return true;
  }
}

/**
 * Emits `service.deployed` (first completed deploy here), `service.upgraded` or
 * `service.rolledback` for a recorded deploy, when `deps.events` is set. Call it after the
 * deploy was recorded. Only an `emit` that throws adds a warning to the result.
 */
export async function emitDeployEvent(
  ctx: EngineContext,
  run: DeployRun,
  result: DeployResult,
): Promise<void> {
  const sink = ctx.deps.events;
  if (!sink || (result.status !== "completed" && result.status !== "rolledback")) return;
  // A redeploy that changed nothing is no new version of the service: nothing to announce.
  if (result.resources.every((r) => r.action === "unchanged")) return;
  const firstDeploy = result.status === "completed" && !(await ranBefore(ctx, result));
  try {
    const event = buildDeployEvent({ ...result, images: run.images, firstDeploy }, {
      source: sink.source,
      id: crypto.randomUUID(),
      now: new Date(ctx.deps.clock.now()).toISOString(),
    });
    if (event) sink.emit(event);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result.warnings.push(`The deploy's CDEvent was not emitted: ${message}`);
    ctx.deps.log.log("warn", "emitting the CDEvent failed", {
      deployId: result.deployId,
      error: message,
    });
  }
}
