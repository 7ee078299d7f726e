/** Every command that runs an operation ends here: flags in, the catalogue's operation, output out. */
import { type Operation, parseInput, type RunContext } from "../../surface/mod.ts";
import type { CommandContext } from "../commands.ts";
import { EXIT } from "../exit_code.ts";
import { wantsColor } from "../io.ts";
import { type ConnectionFlags, openCliEngine } from "../open_cli_engine.ts";
import { progressRenderer } from "../render/progress.ts";

/** How a command shows an operation's output. */
export interface OperationView<O> {
  /** The human rendering (`-o text`). */
  render(output: O, color: boolean): string;
  /** Warnings printed to stderr under the human rendering (`warning: ...`). */
  warnings?(output: O): readonly string[];
  /** The exit code of an output. @default 0 */
  exitCode?(output: O): number;
  /** Show the live progress view while it runs (deploy, promote, rollback). */
  progress?: boolean;
  /** Ctrl-C stops the operation gracefully instead of the process (deploy). */
  interruptible?: boolean;
}

/** The flags a command running an operation has. */
export type OperationFlags = ConnectionFlags & { output?: "text" | "json" };

function interruptSignal(ctx: CommandContext): AbortSignal {
  const stop = new AbortController();
  ctx.io.interrupted?.().then(() => {
    ctx.io.stderr("\nInterrupted: stopping; the deploy is recorded as interrupted\n");
    ctx.interrupted = true;
    stop.abort();
  });
  return stop.signal;
}

/** What a command asks of the run itself: the live view, Ctrl-C. */
type RunOptions = Pick<OperationView<unknown>, "progress" | "interruptible">;

/** The operation context of the CLI: its working directory, stdin, live view and Ctrl-C. */
function runContext(ctx: CommandContext, view: RunOptions): RunContext {
  const color = wantsColor(ctx.io);
  const live = view.progress === true && ctx.json !== true;
  return {
    cwd: ctx.io.cwd,
    readStdin: () => ctx.io.readStdin(),
    ...(live
      ? {
        onProgress: progressRenderer(ctx.io, {
          live: ctx.io.isTty,
          color,
          now: Date.now,
          ...(ctx.io.size ? { size: ctx.io.size } : {}),
        }),
      }
      : {}),
    ...(view.interruptible ? { signal: interruptSignal(ctx) } : {}),
  };
}

/** Checks the input, opens the engine, runs the operation; CDEvents are flushed before it returns. */
export async function runOperation<I, O>(
  ctx: CommandContext,
  op: Operation<I, O>,
  raw: Record<string, unknown>,
  flags: ConnectionFlags,
  view: RunOptions = {},
): Promise<O> {
  const input = parseInput(op, defined(raw));
  const opened = openCliEngine(ctx, flags);
  try {
    return await op.run(opened.engine, input, runContext(ctx, view));
  } finally {
    await opened.flush();
  }
}

/** Streams an operation's JSON output through `write` (see `Operation.stream`). */
export async function streamOperation<I, O>(
  ctx: CommandContext,
  op: Operation<I, O>,
  raw: Record<string, unknown>,
  flags: ConnectionFlags,
  write: (chunk: string) => void,
): Promise<void> {
  const input = parseInput(op, defined(raw));
  const opened = openCliEngine(ctx, flags);
  try {
    if (op.stream) await op.stream(opened.engine, input, write);
    else {
      const output = await op.run(opened.engine, input, runContext(ctx, {}));
      write(JSON.stringify(output, null, 2) + "\n");
    }
  } finally {
    await opened.flush();
  }
}

/** Runs the operation and prints its output as JSON (`-o json`) or rendered, setting the exit code. */
export async function showOperation<I, O>(
  ctx: CommandContext,
  op: Operation<I, O>,
  raw: Record<string, unknown>,
  flags: OperationFlags,
  view: OperationView<O>,
): Promise<void> {
  ctx.json = flags.output === "json";
  const output = await runOperation(ctx, op, raw, flags, view);
  if (ctx.json) ctx.io.stdout(JSON.stringify(output, null, 2) + "\n");
  else {
    ctx.io.stdout(view.render(output, wantsColor(ctx.io)));
    for (const w of view.warnings?.(output) ?? []) ctx.io.stderr(`warning: ${w}\n`);
  }
  // Ctrl-C: 128 + SIGINT, as shells expect, once the interruption was recorded.
  ctx.exitCode = ctx.interrupted ? EXIT.interrupted : view.exitCode?.(output) ?? EXIT.ok;
}

/** The fields that were given: flags not passed are left out of the input. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
