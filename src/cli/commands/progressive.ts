/** `nopea promote` and `nopea rollback`: move a service forward through KULTA, or back to a good deploy. */
import type { Command } from "@commander-js/extra-typings";
import { parseInput, promoteOperation, rollbackOperation } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { cliEngine } from "../deps.ts";
import { withConnection, withOutput } from "./_common.ts";
import { showDeploy } from "./_show_deploy.ts";

/** Registers `nopea promote <deployId|service>` and `nopea rollback <service> [--to <deployId>]`. */
export function registerProgressive(program: Command, ctx: CommandContext): void {
  withOutput(withConnection(
    program.command("promote").argument("<target>", "the progressing deploy's id, or the service")
      .description("promote a canary or blue-green deploy that waits for promotion"),
  )).action((target, flags) =>
    showDeploy(ctx, flags, (onEvent) => {
      const input = parseInput(promoteOperation, { target });
      const { engine, flush } = cliEngine(ctx.io, flags, {}, ctx.engine);
      return engine.promote(
        /^[0-9A-HJKMNP-TV-Z]{26}$/.test(input.target)
          ? { deployId: input.target }
          : { service: input.target },
        onEvent ? { onEvent } : {},
      ).finally(flush);
    })
  );
  withOutput(withConnection(
    program.command("rollback").argument("<service>")
      .description("roll a service back to its last good deploy (or --to a named one)")
      .option("--to <deployId>", "the completed deploy to go back to")
      .option("--no-wait", "return once re-applied, without following a rollout"),
  )).action((service, flags) =>
    showDeploy(ctx, flags, (onEvent) => {
      const input = parseInput(rollbackOperation, {
        service,
        ...(flags.to ? { to: flags.to } : {}),
      });
      const { engine, flush } = cliEngine(ctx.io, flags, {}, ctx.engine);
      return engine.rollback({
        service: input.service,
        ...(input.to ? { to: input.to } : {}),
        ...(flags.wait === false ? { wait: false } : {}),
      }, {
        ...(onEvent ? { onEvent } : {}),
      }).finally(flush);
    })
  );
}
