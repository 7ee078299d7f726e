/** runCli: parses arguments, runs one command, renders errors, returns the exit code. */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { toErrorBody } from "../shared/mod.ts";
import { EXIT, exitCodeForError } from "./exit_code.ts";
import type { CliIo } from "./io.ts";
import type { Engine } from "../engine/mod.ts";
import { type CommandContext, registerCommands } from "./commands.ts";
import { VERSION } from "./version.ts";
import { asPermissionError } from "../permissions/mod.ts";

/** Options of {@linkcode runCli}. */
export interface RunCliOptions {
  /**
   * Use this engine instead of opening one with `openEngine`. The settings flags and variables
   * are still checked, but the engine keeps the settings it was created with.
   */
  engine?: Engine;
}

/**
 * Runs the `nopea` command line in-process and returns the exit code; only `cli.ts`
 * turns it into a process exit.
 *
 * @example
 * ```ts
 * import { runCli } from "./run_cli.ts";
 * import { bufferedIo } from "./io.ts";
 * import { equal, match } from "node:assert/strict";
 * const io = bufferedIo();
 * equal(await runCli(["version"], io), 0);
 * match(io.out(), /nopea 0\.1\.0/);
 * ```
 */
export async function runCli(
  args: readonly string[],
  io: CliIo,
  options: RunCliOptions = {},
): Promise<number> {
  const ctx: CommandContext = {
    io,
    exitCode: EXIT.ok,
    ...(options.engine ? { engine: options.engine } : {}),
  };
  const program = new Command("nopea")
    .description("Deploy Kubernetes manifests and remember every deploy")
    .version(VERSION, "-V, --version-flag", "print the version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  try {
    await registerCommands(program, ctx, args);
    await program.parseAsync([...args], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version displays are successful exits; everything else is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // A refused Deno permission is said as such, whatever layer it surfaced through.
    const shown = asPermissionError(error) ?? error;
    renderError(io, shown, ctx.json === true);
    return exitCodeForError(shown);
  }
}

/** Prints an error as `Error: message` + `Hint: ...` (or JSON), never a stack trace. */
export function renderError(io: CliIo, error: unknown, json: boolean): void {
  const body = toErrorBody(error);
  if (json) {
    io.stdout(JSON.stringify({ error: body }, null, 2) + "\n");
    return;
  }
  io.stderr(`Error [${body.code}]: ${body.message}\n`);
  if (body.hint) io.stderr(`Hint: ${body.hint}\n`);
}
