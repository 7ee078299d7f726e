/** `nopea version`: prints the version of Nopea and of its runtime. */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../commands.ts";
import { VERSION } from "../version.ts";

/** Registers `nopea version [--output json]`. */
export function registerVersion(program: Command, ctx: CommandContext): void {
  program.command("version")
    .description("print the version of Nopea")
    .option("-o, --output <format>", "output format: text or json", "text")
    .action((opts) => {
      const info = { nopea: VERSION, deno: Deno.version.deno, typescript: Deno.version.typescript };
      ctx.io.stdout(
        opts.output === "json"
          ? JSON.stringify(info, null, 2) + "\n"
          : `nopea ${info.nopea} (deno ${info.deno})\n`,
      );
    });
}
