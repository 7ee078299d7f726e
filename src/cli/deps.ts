/** Builds the engine's real dependencies from flags and environment, once per CLI run (STYLE R4). */
import type { KubeConfig } from "@kubernetes/client-node";
import { createEngine, type Engine, type EngineDeps, type EngineOptions } from "../engine/mod.ts";
import { HttpEventEmitter } from "../events/mod.ts";
import { type ClusterPort, currentNamespace, KubeCluster, loadKubeConfig } from "../kube/mod.ts";
import { createMemory, FileMemoryStore, resolveMemoryDir } from "../memory/mod.ts";
import { lineLogger, type Logger, systemClock, ulidSource } from "../shared/mod.ts";
import type { CliIo } from "./io.ts";

/** Flags every command that talks to a cluster or to memory accepts. */
export interface ConnectionFlags {
  kubeconfig?: string;
  context?: string;
  memoryDir?: string;
  verbose?: boolean;
}

/** The engine and where it points. */
export interface CliEngine {
  engine: Engine;
  /** The namespace of the kubeconfig context (loads the kubeconfig). */
  contextNamespace(): string;
  memoryDir: string;
  /** Waits (at most 5 s) for CDEvents still being sent to `NOPEA_CDEVENTS_URL`. */
  flush(): Promise<void>;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `<hostname>/<pid>`: the holder of the deploy locks (Leases) this process takes. */
function lockIdentity(): string {
  let host = "unknown-host";
  try {
    host = Deno.hostname();
  } catch {
    // Without --allow-sys the host stays unnamed; the pid and deploy id still tell deploys apart.
  }
  return `${host}/${Deno.pid}`;
}

/** The CDEvents emitter for `NOPEA_CDEVENTS_URL`, sourced `/nopea/<API server host>`. */
function cdEvents(io: CliIo, log: Logger, kubeconfig: () => KubeConfig) {
  const url = io.env["NOPEA_CDEVENTS_URL"];
  if (!url) return undefined;
  const source = () => {
    try {
      const server = kubeconfig().getCurrentCluster()?.server ?? "";
      return `/nopea/${URL.parse(server)?.hostname || "cluster"}`;
    } catch {
      return "/nopea/cluster";
    }
  };
  return new HttpEventEmitter({ url, source, log });
}

/**
 * A ClusterPort that loads the kubeconfig on first use, so commands that only read memory
 * never need one, and a broken kubeconfig is reported by the command that needs it.
 */
function lazyCluster(load: () => KubeCluster): ClusterPort {
  let cluster: KubeCluster | undefined;
  const get = () => (cluster ??= load());
  return {
    discover: (...a) => get().discover(...a),
    get: (...a) => get().get(...a),
    list: (...a) => get().list(...a),
    apply: (...a) => get().apply(...a),
    patch: (...a) => get().patch(...a),
    delete: (...a) => get().delete(...a),
    watch: (...a) => get().watch(...a),
  };
}

/** Builds the engine for a CLI command: kubeconfig (lazily), memory directory, clock, ids, logger. */
export function cliEngine(
  io: CliIo,
  flags: ConnectionFlags,
  options: EngineOptions = {},
  injected?: Engine,
): CliEngine {
  if (injected) {
    return {
      engine: injected,
      contextNamespace: () => options.defaultNamespace ?? "default",
      memoryDir: "",
      flush: () => Promise.resolve(),
    };
  }
  const clock = systemClock;
  const log = lineLogger((line) => io.stderr(line + "\n"), {
    min: flags.verbose ? "debug" : "warn",
  });
  const memoryDir = resolveMemoryDir({
    flag: flags.memoryDir,
    env: io.env["NOPEA_MEMORY_DIR"],
    cwd: io.cwd,
  });
  const memory = createMemory(new FileMemoryStore(memoryDir, { clock, log }), { clock });
  let kc: KubeConfig | undefined;
  const kubeconfig = () =>
    kc ??= loadKubeConfig({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
      env: io.env,
    });
  const cluster = lazyCluster(() => new KubeCluster(kubeconfig(), { log }));
  const deps: EngineDeps = {
    cluster,
    memory,
    clock,
    ids: ulidSource(clock),
    log,
    sleep: realSleep,
  };
  const events = cdEvents(io, log, kubeconfig);
  if (events) deps.events = events;
  return {
    engine: createEngine(deps, { lockIdentity: lockIdentity(), ...options }),
    contextNamespace: () => currentNamespace(kubeconfig()),
    memoryDir,
    flush: () => events?.flush(5_000) ?? Promise.resolve(),
  };
}
