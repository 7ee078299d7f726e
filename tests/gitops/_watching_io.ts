/** Test helper: a CLI io whose output can be awaited (`waitFor(text)`), interrupted on demand. */
import type { CliIo } from "../../src/cli/mod.ts";

/** The io, a wait for text on stdout or stderr, everything written so far, and the Ctrl-C. */
export interface WatchingIo {
  io: CliIo;
  /** Settles once stdout or stderr has shown `text`. */
  waitFor(text: string): Promise<void>;
  /** Everything written to stdout and stderr. */
  out(): string;
  /** Simulates Ctrl-C (SIGTERM). */
  stop(): void;
}

/** An io for a long-running command in `cwd` with `env`. */
export function watchingIo(env: Record<string, string>, cwd: string): WatchingIo {
  let out = "";
  const interrupt = Promise.withResolvers<void>();
  const waiters: { text: string; resolve: () => void }[] = [];
  const seen = (t: string) => {
    out += t;
    for (const w of waiters.filter((w) => out.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const io: CliIo = {
    stdout: seen,
    stderr: seen,
    readStdin: () => Promise.resolve(""),
    env,
    cwd,
    isTty: false,
    interrupted: () => interrupt.promise,
  };
  const waitFor = (text: string) =>
    out.includes(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  return { io, waitFor, out: () => out, stop: () => interrupt.resolve() };
}
