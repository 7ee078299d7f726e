/** The engine of one CLI run: opened from the flags and the io's environment, like every door. */
import { lineLogger } from "../shared/mod.ts";
import {
  type OpenedEngine,
  openEngine,
  type OpenEngineOptions,
  resolveSettings,
} from "../wiring/mod.ts";
import type { CommandContext } from "./commands.ts";

/** Flags of commands that talk to a cluster or to memory (see `withConnection`, `withSettings`). */
export interface ConnectionFlags {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  memoryDir?: string | undefined;
  /** `--memory-store file|cluster`. */
  memoryStore?: string | undefined;
  verbose?: boolean | undefined;
  /** `--canary-threshold`, on commands that show or choose a strategy. */
  canaryThreshold?: string | undefined;
  /** `--timeout`, on deploy. */
  timeout?: string | undefined;
  /** `--tolerance`, on deploy. */
  tolerance?: string | undefined;
}

/** The options `openEngine` gets from a CLI run: the flags, the io's environment and stderr. */
export function cliEngineOptions(ctx: CommandContext, flags: ConnectionFlags): OpenEngineOptions {
  return {
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    memoryDir: flags.memoryDir,
    memoryStore: flags.memoryStore,
    canaryThreshold: flags.canaryThreshold,
    timeoutMs: flags.timeout,
    podProblemToleranceMs: flags.tolerance,
    env: ctx.io.env,
    cwd: ctx.io.cwd,
    readStdin: () => ctx.io.readStdin(),
    log: lineLogger((line) => ctx.io.stderr(line + "\n"), {
      min: flags.verbose ? "debug" : "warn",
    }),
  };
}

/**
 * Opens the engine with `openEngine`, the flags winning over the environment. With an engine
 * injected into `runCli` the settings are still checked (bad values exit 2) but the injected
 * engine keeps its own.
 */
export function openCliEngine(
  ctx: CommandContext,
  flags: ConnectionFlags,
  extra: Partial<OpenEngineOptions> = {},
): OpenedEngine {
  const options = { ...cliEngineOptions(ctx, flags), ...extra };
  if (ctx.engine === undefined) return openEngine(options);
  const settings = resolveSettings(options);
  const flush = () => Promise.resolve();
  return {
    engine: ctx.engine,
    settings,
    memoryDir: settings.memoryDir,
    flush,
    [Symbol.asyncDispose]: flush,
  };
}
