/** Builds the engine's real dependencies from flags and environment, once per CLI run (STYLE R4). */
import type { KubeConfig } from "@kubernetes/client-node";
import { createEngine, type Engine, type EngineDeps, type EngineOptions } from "../engine/mod.ts";
import { type ClusterPort, currentNamespace, KubeCluster, loadKubeConfig } from "../kube/mod.ts";
import { createMemory, FileMemoryStore, resolveMemoryDir } from "../memory/mod.ts";
import { lineLogger, systemClock, ulidSource } from "../shared/mod.ts";
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
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
  return {
    engine: createEngine(deps, options),
    contextNamespace: () => currentNamespace(kubeconfig()),
    memoryDir,
  };
}
