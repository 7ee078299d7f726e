/** Runs a module in a Worker whose network is limited to a list of hosts (Deno's worker permissions). */

/** What the worker is started with. */
export interface ScopedWorkerOptions {
  /** The module the worker runs. */
  module: URL | string;
  /** The `host:port` entries the worker may reach; every other host is refused. */
  net: readonly string[];
  /** The first message posted to the worker. */
  message: unknown;
  /** Sees the worker's whole reply (its `code` and anything else it sends). */
  onReply?: ((reply: Record<string, unknown>) => void) | undefined;
}

/** Only the hosts the process itself may reach can be given to a worker. */
function grantedHosts(hosts: readonly string[]): string[] {
  return hosts.filter((host) =>
    Deno.permissions.querySync({ name: "net", host }).state === "granted"
  );
}

/**
 * Whether a network-limited worker is needed and can start: `"scoped"` when the process's own
 * network is already limited (`--allow-net=<hosts>`: nothing to narrow), `"unreadable"` when the
 * worker could not load `module` (a local file the process may not read), else `"worker"`.
 */
export function workerPlan(module: URL): "scoped" | "unreadable" | "worker" {
  if (Deno.permissions.querySync({ name: "net" }).state !== "granted") return "scoped";
  if (module.protocol !== "file:") return "worker";
  const path = decodeURIComponent(module.pathname);
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  return Deno.permissions.querySync({ name: "read", path: dir }).state === "granted"
    ? "worker"
    : "unreadable";
}

/**
 * Starts `module` in a Worker with the process's permissions except the network, which is limited
 * to `net` (those of its hosts the process may reach itself; none when empty), posts `message`,
 * and resolves with the `code` the worker posts back. Needs `--unstable-worker-options`.
 *
 * @throws the worker's uncaught error (a bug) as an Error.
 */
export function runScopedWorker(options: ScopedWorkerOptions): Promise<number> {
  const net = grantedHosts(options.net);
  const worker = new Worker(options.module, {
    type: "module",
    deno: {
      permissions: {
        net: net.length > 0 ? net : false,
        read: "inherit",
        write: "inherit",
        env: "inherit",
        run: "inherit",
        sys: "inherit",
        ffi: "inherit",
        import: "inherit",
      },
    },
  } as WorkerOptions);
  return new Promise<number>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ code: number }>) => {
      worker.terminate();
      options.onReply?.(event.data);
      resolve(event.data.code);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(options.message);
  });
}
