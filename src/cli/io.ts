/** The CLI's view of the outside world: output streams, stdin, environment, terminal. */

/** Everything the CLI reads from or writes to; `cli.ts` passes the real one, tests pass buffers. */
export interface CliIo {
  /** Writes text to standard output as is (no newline added). */
  stdout(text: string): void;
  /** Writes text to standard error as is. */
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Promise<string>;
  /** Environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory. */
  cwd: string;
  /** Whether stdout is a terminal (live progress, colors). */
  isTty: boolean;
  /**
   * Resolves when the user interrupts (Ctrl-C or SIGTERM). Only long-running commands call it:
   * once called, the signal no longer ends the process by itself.
   */
  interrupted?: () => Promise<void>;
  /** The terminal's size, when stdout is one (the live view fits into it). */
  size?: () => { columns: number; rows: number } | undefined;
}

/** A CliIo writing into strings; for tests. */
export interface BufferedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/**
 * An in-memory CliIo.
 *
 * @example
 * ```ts
 * import { bufferedIo } from "./io.ts";
 * import { equal } from "node:assert/strict";
 * const io = bufferedIo();
 * io.stdout("hi");
 * equal(io.out(), "hi");
 * ```
 */
export function bufferedIo(
  options: {
    stdin?: string;
    env?: Record<string, string | undefined>;
    cwd?: string;
    isTty?: boolean;
    /** Settles when the test "presses Ctrl-C". */
    interrupt?: Promise<void>;
    /** The terminal's size the test pretends to have. */
    size?: { columns: number; rows: number };
  } = {},
): BufferedIo {
  let out = "";
  let err = "";
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readStdin: () => Promise.resolve(options.stdin ?? ""),
    env: options.env ?? {},
    cwd: options.cwd ?? ".",
    isTty: options.isTty ?? false,
    ...(options.interrupt ? { interrupted: () => options.interrupt! } : {}),
    ...(options.size ? { size: () => options.size } : {}),
    out: () => out,
    err: () => err,
  };
}

/** Whether color output is wanted: a TTY, and `NO_COLOR` unset (https://no-color.org). */
export function wantsColor(io: CliIo): boolean {
  return io.isTty && !io.env["NO_COLOR"];
}
