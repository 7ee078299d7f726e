/**
 * The `nopea` executable: `deno run <permissions> cli.ts <command>`, the compiled binary, or
 * `deno install -g -n nopea jsr:@nopea/nopea/cli`. The only place in Nopea that ends the process.
 *
 * Commands that reach a cluster run in a Worker whose network is limited to the API server of
 * the selected kubeconfig context (plus the CDEvents sink and `serve`'s address), so it needs
 * `--unstable-worker-options`; see the README, "Permissions".
 *
 * @example Run a command
 * ```sh
 * deno run --unstable-worker-options --allow-net --allow-read --allow-write=.nopea \
 *   --allow-env=KUBECONFIG,HOME,USERPROFILE,KUBERNETES_SERVICE_HOST,KUBERNETES_SERVICE_PORT,NO_COLOR,FORCE_COLOR,TERM,CI,NOPEA_* \
 *   jsr:@nopea/nopea/cli history checkout
 * ```
 * @module
 */

/** What the main thread posts to the worker that runs the command. */
interface WorkerRun {
  args: string[];
  env: Record<string, string>;
}

/** Commands that need no environment and no network: they run in-process. */
const PLAIN = new Set(["version", "help", "--help", "-h", "--version-flag", "-V"]);
/** Commands that start their own local cluster (loopback): in-process, with the process's network. */
const LOCAL = new Set(["sandbox", "demo"]);

const UNSCOPED = (module: URL) =>
  "Warning: the network is not limited to the cluster: Nopea cannot read its own code " +
  `to run the command in a network-limited worker. Add --allow-read=${
    decodeURIComponent(new URL(".", module).pathname)
  }, or pass --allow-net=<API server host:port>`;

/** The value of `--name <v>` or `--name=<v>` (the last one wins, as in commander). */
function flagValue(args: readonly string[], ...names: string[]): string | undefined {
  let value: string | undefined;
  args.forEach((arg, i) => {
    for (const name of names) {
      if (arg === name) value = args[i + 1];
      else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
    }
  });
  return value;
}

/** The address `serve` listens on, as Deno's net permission names it. */
function listenOf(args: readonly string[]): string | undefined {
  if (args[0] !== "serve") return undefined;
  const host = flagValue(args, "--host") ?? "127.0.0.1";
  const port = flagValue(args, "-p", "--port") ?? "8080";
  const name = host.includes(":") ? `[${host}]` : host;
  return port === "0" ? name : `${name}:${port}`;
}

async function runInProcess(args: string[], env?: Record<string, string>): Promise<number> {
  // Before any npm library loads: they read process.env, some list all of it.
  (await import("./src/permissions/node_env.ts")).limitNodeEnv();
  const [{ runCli }, { realIo }] = await Promise.all([
    import("./src/cli/mod.ts"),
    import("./src/cli/real_io.ts"),
  ]);
  return await runCli(args, realIo(env ?? {}));
}

/** Reads the environment, limits the network to what the run needs, runs it in a worker. */
async function runScoped(args: string[]): Promise<number> {
  const { readEnvironment } = await import("./src/permissions/mod.ts");
  let env: Record<string, string>;
  try {
    env = readEnvironment();
  } catch (error) {
    const [{ renderError }, { exitCodeForError }, { realIo }] = await Promise.all([
      import("./src/cli/run_cli.ts"),
      import("./src/cli/exit_code.ts"),
      import("./src/cli/real_io.ts"),
    ]);
    renderError(realIo({}), error, flagValue(args, "-o", "--output") === "json");
    return exitCodeForError(error);
  }
  if (LOCAL.has(args[0] ?? "")) return runInProcess(args, env);
  (await import("./src/permissions/node_env.ts")).limitNodeEnv();
  const { netScope, runScopedWorker, workerPlan } = await import("./src/wiring/mod.ts");
  const module = new URL(import.meta.url);
  const plan = workerPlan(module);
  if (plan !== "worker") {
    if (plan === "unreadable") console.error(UNSCOPED(module));
    return runInProcess(args, env);
  }
  const net = netScope({
    kubeconfig: flagValue(args, "--kubeconfig"),
    context: flagValue(args, "--context"),
    env,
    listen: listenOf(args),
  });
  const message: WorkerRun = { args, env };
  try {
    return await runScopedWorker({ module, net, message });
  } catch (error) {
    console.error(`Error [INTERNAL]: ${error instanceof Error ? error.message : String(error)}`);
    return 70;
  }
}

/** The worker's side: runs the command it is sent and posts back the exit code. */
function serveAsWorker(): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<WorkerRun>) => void) | null;
    postMessage(m: unknown): void;
  };
  scope.onmessage = async (event) => {
    scope.onmessage = null;
    const code = await runInProcess(event.data.args, event.data.env);
    scope.postMessage({ code });
  };
}

/** `nopea version` without loading the rest of Nopea: start-up stays close to kubectl's. */
async function printVersion(): Promise<number> {
  const { VERSION } = await import("./src/cli/version.ts");
  console.log(`nopea ${VERSION} (deno ${Deno.version.deno})`);
  return 0;
}

if (import.meta.main) {
  if ("WorkerGlobalScope" in globalThis) {
    serveAsWorker();
  } else if (Deno.args.length === 1 && Deno.args[0] === "version") {
    Deno.exit(await printVersion());
  } else {
    const args = Deno.args;
    const plain = args.length === 0 || PLAIN.has(args[0] ?? "");
    Deno.exit(plain ? await runInProcess([...args]) : await runScoped([...args]));
  }
}
