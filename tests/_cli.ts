/** Test helper: a real-time sandbox with a kubeconfig file and a memory dir, for CLI tests. */
import { type BufferedIo, bufferedIo, runCli } from "../src/cli/mod.ts";
import { type Sandbox, startSandbox } from "../src/sandbox/mod.ts";

/** A sandbox, its kubeconfig on disk, and a temp working directory. */
export interface CliWorld extends AsyncDisposable {
  sandbox: Sandbox;
  dir: string;
  kubeconfig: string;
  /** Writes a file into the working directory and returns its path. */
  write(name: string, text: string): Promise<string>;
  /** Runs `nopea <args> --kubeconfig <kc>` in the working directory. */
  run(
    args: string[],
    options?: { stdin?: string; env?: Record<string, string>; interrupt?: Promise<void> },
  ): Promise<{ code: number; io: BufferedIo }>;
}

/** Starts a real-time sandbox (fast controllers) and a temp working directory. */
export async function cliWorld(options: { readyDelayMs?: number } = {}): Promise<CliWorld> {
  const sandbox = await startSandbox({ controllers: { readyDelayMs: options.readyDelayMs ?? 20 } });
  const dir = await Deno.makeTempDir({ prefix: "nopea-cli-" });
  const kubeconfig = `${dir}/kubeconfig`;
  await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
  return {
    sandbox,
    dir,
    kubeconfig,
    async write(name, text) {
      const path = `${dir}/${name}`;
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(path, text);
      return path;
    },
    async run(args, runOptions = {}) {
      const io = bufferedIo({
        cwd: dir,
        env: { NOPEA_MEMORY_DIR: `${dir}/.nopea`, ...runOptions.env },
        ...(runOptions.stdin === undefined ? {} : { stdin: runOptions.stdin }),
        ...(runOptions.interrupt ? { interrupt: runOptions.interrupt } : {}),
      });
      const withKubeconfig = args.includes("--kubeconfig")
        ? args
        : [...args, "--kubeconfig", kubeconfig];
      const code = await runCli(withKubeconfig, io);
      return { code, io };
    },
    async [Symbol.asyncDispose]() {
      await sandbox.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
