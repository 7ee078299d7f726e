/** Test helper: `nopea serve --port 0` in-process, stopped by a simulated Ctrl-C. */
import { type BufferedIo, bufferedIo, runCli } from "../../src/cli/mod.ts";

/** A running `nopea serve`: its io, exit code, the URL once it listens, and the Ctrl-C. */
export interface ServeRun {
  io: BufferedIo;
  code: Promise<number>;
  url: Promise<string>;
  stop(): void;
}

/** Runs `nopea serve --port 0 <args>`; `url` resolves once it listens, rejects if it ends first. */
export function startServe(
  args: string[],
  env: Record<string, string> = {},
  cwd = ".",
): ServeRun {
  const listening = Promise.withResolvers<string>();
  const interrupt = Promise.withResolvers<void>();
  const io = bufferedIo({ env, cwd });
  const code = runCli(["serve", "--port", "0", ...args], {
    ...io,
    stdout: (text) => {
      io.stdout(text);
      const url = /listening on (https?:\/\/\S+)/.exec(text)?.[1];
      if (url) listening.resolve(url);
    },
    interrupted: () => interrupt.promise,
  });
  code.then(() => listening.reject(new Error(`serve ended early: ${io.err()}`)));
  return { io, code, url: listening.promise, stop: () => interrupt.resolve() };
}
