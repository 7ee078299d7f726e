/** Runs a deploy-like operation with live progress, prints its result and sets the exit code. */
import type { DeployResult } from "../../deploys/mod.ts";
import type { DeployEvent } from "../../engine/mod.ts";
import type { CommandContext } from "../commands.ts";
import { exitCodeForResult } from "../exit_code.ts";
import { wantsColor } from "../io.ts";
import { renderDeployResult } from "../render/deploy_result.ts";
import { progressRenderer } from "../render/progress.ts";

/** Deploy, promote and rollback all end here: progress while running, then the result. */
export async function showDeploy(
  ctx: CommandContext,
  flags: { output: "text" | "json" },
  run: (onEvent: ((event: DeployEvent) => void) | undefined) => Promise<DeployResult>,
): Promise<void> {
  ctx.json = flags.output === "json";
  const color = wantsColor(ctx.io);
  const onEvent = flags.output === "json"
    ? undefined
    : progressRenderer(ctx.io, { live: ctx.io.isTty, color, now: () => Date.now() });
  const result = await run(onEvent);
  ctx.io.stdout(
    flags.output === "json"
      ? JSON.stringify(result, null, 2) + "\n"
      : renderDeployResult(result, color),
  );
  ctx.exitCode = exitCodeForResult(result);
}
