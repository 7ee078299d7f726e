/**
 * The process side of the `nopea` executable, loaded by `cli.ts` only when a command needs more
 * than `nopea version`: the environment is read, the network is limited to the cluster by a
 * worker, and the command runs. `cli.ts` imports this module by a computed URL so that Deno does
 * not load the whole module graph to print the version (the compile task `--include`s it).
 * @module
 */

/** What the main thread posts to the worker that runs the command. */
interface WorkerRun {
  args: string[];
}

/** Commands that need no environment and no network: they run in-process. */
const PLAIN = new Set(["version", "help", "--help", "-h", "--version-flag", "-V"]);
/** Commands whose first steps are requests to the cluster: the main thread warms up TLS for them. */
const TALKS_TO_CLUSTER = new Set([
  "deploy",
  "diff",
  "drift",
  "heal",
  "rollback",
  "promote",
  "delete",
  "status",
  "unlock",
  "suspend",
  "resume",
]);
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

/**
 * Imports a module of the command side by a computed URL. Deno loads the graph of every import it
 * can read in a module's source, dynamic ones too, before the module runs, and the graph of the
 * command modules is all of Nopea: the main thread, which only starts the worker, must not load
 * it (~0.15 s). `deno compile` `--include`s these modules.
 */
function commandSide<T>(path: string): Promise<T> {
  return import(new URL(path, import.meta.url).href) as Promise<T>;
}

async function runInProcess(args: string[], env?: Record<string, string>): Promise<number> {
  // Before any npm library loads: they read process.env, some list all of it.
  (await import("../permissions/mod.ts")).limitNodeEnv();
  const [{ runCli }, { realIo }] = await Promise.all([
    commandSide<typeof import("./mod.ts")>("./mod.ts"),
    commandSide<typeof import("./real_io.ts")>("./real_io.ts"),
  ]);
  return await runCli(args, realIo(env ?? {}));
}

/** Reads the variables Nopea uses and runs the command in-process; a refused variable is reported. */
async function runWithEnvironment(args: string[]): Promise<number> {
  const { readEnvironment } = await import("../permissions/mod.ts");
  let env: Record<string, string>;
  try {
    env = readEnvironment();
  } catch (error) {
    const [{ renderError }, { exitCodeForError }, { realIo }] = await Promise.all([
      commandSide<typeof import("./run_cli.ts")>("./run_cli.ts"),
      commandSide<typeof import("./exit_code.ts")>("./exit_code.ts"),
      commandSide<typeof import("./real_io.ts")>("./real_io.ts"),
    ]);
    renderError(realIo({}), error, flagValue(args, "-o", "--output") === "json");
    return exitCodeForError(error);
  }
  return await runInProcess(args, env);
}

/**
 * Limits the network to what the run needs and runs it in a worker. The main thread loads only
 * `src/scope/` (a few kubeconfig fields, the variables naming them): the worker reads the whole
 * environment and loads the command.
 */
async function runScoped(args: string[], module: URL): Promise<number> {
  if (LOCAL.has(args[0] ?? "")) return runWithEnvironment(args);
  const { netScope, runScopedWorker, scopeEnvironment, warmUpClusterTls, workerPlan } =
    await import("../scope/mod.ts");
  const plan = workerPlan(module);
  if (plan !== "worker") {
    if (plan === "unreadable") console.error(UNSCOPED(module));
    return runWithEnvironment(args);
  }
  const kubeconfig = {
    kubeconfig: flagValue(args, "--kubeconfig"),
    context: flagValue(args, "--context"),
    env: scopeEnvironment(),
  };
  const net = netScope({ ...kubeconfig, listen: listenOf(args) });
  const message: WorkerRun = { args };
  try {
    const code = runScopedWorker({ module, net, message });
    // While the worker loads: Deno's one-time TLS set-up, off the command's first request.
    if (TALKS_TO_CLUSTER.has(args[0] ?? "")) void warmUpClusterTls(kubeconfig);
    return await code;
  } catch (error) {
    console.error(`Error [INTERNAL]: ${error instanceof Error ? error.message : String(error)}`);
    return 70;
  }
}

/** The worker's side: runs the command it is sent and posts back the exit code. */
export function serveAsWorker(): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<WorkerRun>) => void) | null;
    postMessage(m: unknown): void;
  };
  scope.onmessage = async (event) => {
    scope.onmessage = null;
    const code = await runWithEnvironment(event.data.args);
    scope.postMessage({ code });
  };
}

/**
 * Runs `nopea <args>` and resolves with the exit code: plain commands in-process, the others in a
 * worker whose network is limited to the cluster. `entry` is the module the worker starts (`cli.ts`).
 */
export function main(args: string[], entry: URL): Promise<number> {
  const plain = args.length === 0 || PLAIN.has(args[0] ?? "");
  return plain ? runInProcess([...args]) : runScoped([...args], entry);
}
