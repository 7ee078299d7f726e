/** Reads through the operation catalogue (never memory files): the data every page shows. */
import type { Engine } from "../engine/mod.ts";
import { type Operation, parseInput, type RunContext } from "../surface/mod.ts";

/** What the pages read with: the engine and the operations' run context. */
export interface ReadDeps {
  readonly engine: Engine;
  readonly ctx: RunContext;
}

/** Runs a catalogue operation with raw input, validated as every door validates it. */
export function read<I, O>(deps: ReadDeps, op: Operation<I, O>, input: unknown): Promise<O> {
  return op.run(deps.engine, parseInput(op, input), deps.ctx);
}

/** The operation's output, or the fault's message when it failed (for optional panels). */
export async function readOrProblem<I, O>(
  deps: ReadDeps,
  op: Operation<I, O>,
  input: unknown,
): Promise<{ value: O } | { problem: string }> {
  try {
    return { value: await read(deps, op, input) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
