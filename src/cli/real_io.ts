/** The real CliIo: the process's stdout, stderr, stdin, environment and Ctrl-C. */
import type { CliIo } from "./io.ts";
import { readEnvironment } from "../permissions/mod.ts";

const encoder = new TextEncoder();

/** Streams whose reader went away (`nopea memory graph | head`): nothing more is written. */
const closed = new WeakSet<object>();

/** Writes all of `text`; a closed pipe ends the output quietly, as `head` expects. */
export function writeAll(target: { writeSync(p: Uint8Array): number }, text: string): void {
  if (closed.has(target)) return;
  let bytes = encoder.encode(text);
  try {
    while (bytes.length > 0) bytes = bytes.subarray(target.writeSync(bytes));
  } catch (error) {
    if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
    closed.add(target);
  }
}

/**
 * The process's own io. `env` defaults to the variables Nopea reads (`ENVIRONMENT_VARIABLES`),
 * read one by one, never the whole environment.
 *
 * @throws {NopeaError} `PERMISSION_DENIED` when one of those variables may not be read.
 */
export function realIo(env: Readonly<Record<string, string>> = readEnvironment()): CliIo {
  let interrupted: Promise<void> | undefined;
  const onInterrupt = (): Promise<void> =>
    interrupted ??= new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        try {
          Deno.addSignalListener(signal, () => resolve());
        } catch {
          // Not every platform has every signal; the default action then applies.
        }
      }
    });
  return {
    stdout: (t) => writeAll(Deno.stdout, t),
    stderr: (t) => writeAll(Deno.stderr, t),
    readStdin: () => new Response(Deno.stdin.readable).text(),
    env,
    cwd: Deno.cwd(),
    isTty: Deno.stdout.isTerminal(),
    interrupted: onInterrupt,
    size: () => {
      try {
        return Deno.stdout.isTerminal() ? Deno.consoleSize() : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
