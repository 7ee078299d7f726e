/**
 * The command table: every `nopea` subcommand, each registered from its own file. Command
 * modules are loaded on demand, so `nopea version` does not pay for the Kubernetes client,
 * the MCP SDK or the HTTP server.
 */
import type { Command } from "@commander-js/extra-typings";
import type { CliIo } from "./io.ts";
import type { Engine } from "../engine/mod.ts";
import { addExamples } from "./examples.ts";

/** Shared state of one CLI run: the io, the exit code the command chose, the output mode. */
export interface CommandContext {
  io: CliIo;
  exitCode: number;
  /** Set by commands run with `--output json`, so errors are rendered as JSON too. */
  json?: boolean;
  /** An engine to use instead of one built from flags (tests, embedding). */
  engine?: Engine;
  /** Set when Ctrl-C (or SIGTERM) stopped the command: it exits 130. */
  interrupted?: boolean;
}

type Register = (program: Command, ctx: CommandContext) => void;

/**
 * The named register functions of a command module, imported by a computed URL: Deno loads the
 * graph of every import it can read in the source, dynamic ones too, so literal imports here would
 * load every command's graph (the MCP SDK, hono, isomorphic-git, ...) for any one command.
 * `deno compile` `--include`s `src/cli/commands/`.
 */
async function registers(file: string, ...names: string[]): Promise<Register[]> {
  const module = await import(new URL(`./commands/${file}.ts`, import.meta.url).href);
  return names.map((name) => {
    if (typeof module[name] !== "function") throw new Error(`commands/${file}.ts has no ${name}`);
    return module[name] as Register;
  });
}

const READS = () => registers("memory_reads", "registerReads");
const PROGRESSIVE = () => registers("progressive", "registerProgressive");
const SUSPEND = () => registers("suspend", "registerSuspend");
const DEPLOY = () => registers("deploy", "registerDeploy", "registerDiff");

/** Which module registers each command; several commands may share one. */
const LOADERS: Readonly<Record<string, () => Promise<Register[]>>> = {
  version: () => registers("version", "registerVersion"),
  deploy: DEPLOY,
  diff: DEPLOY,
  context: READS,
  explain: READS,
  history: READS,
  services: READS,
  status: READS,
  health: READS,
  drift: () => registers("drift", "registerDrift"),
  heal: () => registers("heal", "registerHeal"),
  memory: () => registers("memory", "registerMemory"),
  promote: PROGRESSIVE,
  rollback: PROGRESSIVE,
  mcp: () => registers("mcp", "registerMcp"),
  sandbox: () => registers("sandbox", "registerSandbox"),
  serve: () => registers("serve", "registerServe"),
  demo: () => registers("demo", "registerDemo"),
  unlock: () => registers("unlock", "registerUnlock"),
  delete: () => registers("delete", "registerDelete"),
  completion: () => registers("completion", "registerCompletion"),
  watch: () => registers("watch", "registerWatch"),
  suspend: SUSPEND,
  resume: SUSPEND,
  ui: () => registers("ui", "registerUi"),
};

/**
 * Adds the subcommands to the program: only the one named in `args` when it is known (the
 * common case), otherwise all of them (help, suggestions for a mistyped command).
 */
export async function registerCommands(
  program: Command,
  ctx: CommandContext,
  args: readonly string[],
): Promise<void> {
  const name = args.find((a) => !a.startsWith("-"));
  const loaders = name !== undefined && LOADERS[name]
    ? [LOADERS[name]]
    : [...new Set(Object.values(LOADERS))];
  const registers = (await Promise.all(loaders.map((load) => load()))).flat();
  const seen = new Set<Register>();
  for (const register of registers) {
    if (seen.has(register)) continue;
    seen.add(register);
    register(program, ctx);
  }
  addExamples(program);
}
