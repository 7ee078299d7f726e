/** `nopea promote` and `nopea rollback`: move a service forward through KULTA, or back to a good deploy. */
import type { Command } from "@commander-js/extra-typings";
import type { DeployEvent, DeployResult } from "../../engine/mod.ts";
import { parseInput, promoteOperation, rollbackOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { cliEngine, type ConnectionFlags } from "../deps.ts";
import { exitCodeForResult } from "../exit_code.ts";
import { wantsColor } from "../io.ts";
import { renderDeployResult } from "../render/deploy_result.ts";
import { progressRenderer } from "../render/progress.ts";
import { withConnection, withOutput } from "./_common.ts";

async function finish(
  ctx: CommandContext,
  flags: ConnectionFlags & { output: "text" | "json" },
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

/** Registers `nopea promote <deployId|service>` and `nopea rollback <service> [--to <deployId>]`. */
export function registerProgressive(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("promote").argument("<target>", "the progressing deploy's id, or the service")
      .description("promote a canary or blue-green deploy that waits for promotion"),
  )).action((target, flags) =>
    finish(ctx, flags, (onEvent) => {
      const input = parseInput(promoteOperation, { target });
      const { engine } = cliEngine(ctx.io, flags, {}, ctx.engine);
      return engine.promote(
        /^[0-9A-HJKMNP-TV-Z]{26}$/.test(input.target)
          ? { deployId: input.target }
          : { service: input.target },
        onEvent ? { onEvent } : {},
      );
    })
  );
  withOutput(withConnection(
    program.command("rollback").argument("<service>")
      .description("roll a service back to its last good deploy (or --to a named one)")
      .option("--to <deployId>", "the completed deploy to go back to")
      .option("--no-wait", "return once re-applied, without following a rollout"),
  )).action((service, flags) =>
    finish(ctx, flags, (onEvent) => {
      const input = parseInput(rollbackOperation, {
        service,
        ...(flags.to ? { to: flags.to } : {}),
      });
      const { engine } = cliEngine(ctx.io, flags, {}, ctx.engine);
      return engine.rollback(input.service, {
        ...(input.to ? { to: input.to } : {}),
        ...(flags.wait === false ? { wait: false } : {}),
        ...(onEvent ? { onEvent } : {}),
      });
    })
  );
}
