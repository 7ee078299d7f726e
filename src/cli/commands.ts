/** The command table: every `nopea` subcommand, each registered from its own file. */
import type { Command } from "@commander-js/extra-typings";
import type { CliIo } from "./io.ts";
import { registerVersion } from "./commands/version.ts";
import { registerSandbox } from "./commands/sandbox.ts";
import { registerDeploy, registerDiff } from "./commands/deploy.ts";
import { registerReads } from "./commands/memory_reads.ts";
import { registerDemo } from "./commands/demo.ts";

/** Shared state of one CLI run: the io, the exit code the command chose, the output mode. */
export interface CommandContext {
  io: CliIo;
  exitCode: number;
  /** Set by commands run with `--output json`, so errors are rendered as JSON too. */
  json?: boolean;
}

/** Adds every subcommand to the program. */
export function registerCommands(program: Command, ctx: CommandContext): void {
  registerVersion(program, ctx);
  registerDeploy(program, ctx);
  registerDiff(program, ctx);
  registerReads(program, ctx);
  registerSandbox(program, ctx);
  registerDemo(program, ctx);
}
