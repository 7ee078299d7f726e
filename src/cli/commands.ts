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

const READS = () => import("./commands/memory_reads.ts").then((m) => [m.registerReads]);
const PROGRESSIVE = () => import("./commands/progressive.ts").then((m) => [m.registerProgressive]);
const SUSPEND = () => import("./commands/suspend.ts").then((m) => [m.registerSuspend]);
const DEPLOY = () => import("./commands/deploy.ts").then((m) => [m.registerDeploy, m.registerDiff]);

/** Which module registers each command; several commands may share one. */
const LOADERS: Readonly<Record<string, () => Promise<Register[]>>> = {
  version: () => import("./commands/version.ts").then((m) => [m.registerVersion]),
  deploy: DEPLOY,
  diff: DEPLOY,
  context: READS,
  explain: READS,
  history: READS,
  services: READS,
  status: READS,
  health: READS,
  drift: () => import("./commands/drift.ts").then((m) => [m.registerDrift]),
  heal: () => import("./commands/heal.ts").then((m) => [m.registerHeal]),
  memory: () => import("./commands/memory.ts").then((m) => [m.registerMemory]),
  promote: PROGRESSIVE,
  rollback: PROGRESSIVE,
  mcp: () => import("./commands/mcp.ts").then((m) => [m.registerMcp]),
  sandbox: () => import("./commands/sandbox.ts").then((m) => [m.registerSandbox]),
  serve: () => import("./commands/serve.ts").then((m) => [m.registerServe]),
  demo: () => import("./commands/demo.ts").then((m) => [m.registerDemo]),
  unlock: () => import("./commands/unlock.ts").then((m) => [m.registerUnlock]),
  delete: () => import("./commands/delete.ts").then((m) => [m.registerDelete]),
  completion: () => import("./commands/completion.ts").then((m) => [m.registerCompletion]),
  watch: () => import("./commands/watch.ts").then((m) => [m.registerWatch]),
  suspend: SUSPEND,
  resume: SUSPEND,
  ui: () => import("./commands/ui.ts").then((m) => [m.registerUi]),
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
