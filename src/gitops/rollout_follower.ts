/**
 * The background Rollout monitor of `nopea watch`: at every tick, each service whose last
 * deploy is a progressing canary or blue-green (started by anyone, even a command that exited)
 * has its Rollout read, and its record completed once KULTA finished it.
 */
import type { DeployResult } from "../deploys/mod.ts";
import type { Engine } from "../engine/mod.ts";
import { isNopeaError, type Logger } from "../shared/mod.ts";

/**
 * Completes the records of finished progressive deploys; a failing service is logged and
 * skipped, never thrown.
 *
 * @returns The records completed in this pass.
 */
export async function followRollouts(engine: Engine, log: Logger): Promise<DeployResult[]> {
  const completed: DeployResult[] = [];
  for (const summary of await engine.services()) {
    const last = summary.lastDeploy;
    if (last?.status !== "progressing") continue;
    try {
      const result = await engine.follow({ service: summary.service, namespace: last.namespace });
      if (!result) continue;
      completed.push(result);
      log.log(
        "info",
        `Rollout of service "${summary.service}" ended: deploy ${result.deployId} ${result.status}`,
        {
          service: summary.service,
          deployId: result.deployId,
        },
      );
    } catch (error) {
      const message = isNopeaError(error) || error instanceof Error ? error.message : String(error);
      log.log("warn", `Following the Rollout of service "${summary.service}" failed: ${message}`);
    }
  }
  return completed;
}
