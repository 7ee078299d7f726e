/** openEngine: the real engine, built from the resolved settings; every door opens it this way. */
import { createEngine, type Engine, type EngineDeps } from "../engine/mod.ts";
import { type EventSink, HttpEventEmitter } from "../events/mod.ts";
import { type ClusterPort, KubeCluster } from "../kube/mod.ts";
import { fileSchemaCheckCache, loadManifestFiles } from "../manifests/mod.ts";
import { lineLogger, type Logger, systemClock, ulidSource } from "../shared/mod.ts";
import type { KubeAccess } from "./_kube_access.ts";
import { lazyCluster } from "./_lazy_cluster.ts";
import { openMemory } from "./_memory_store.ts";
import { resolveWiring } from "./settings.ts";
import type { NopeaSettings, SettingsOptions } from "./settings_types.ts";

/** Options of {@linkcode openEngine}: the settings, plus how to log and a few engine tunables. */
export interface OpenEngineOptions extends SettingsOptions {
  /** Where the engine logs. @default lines on standard error: warnings, or everything with `verbose` */
  log?: Logger | undefined;
  /** Log requests and retries too (when no `log` is given). */
  verbose?: boolean | undefined;
  /** Reads all of standard input, for the manifest file `-`. @default the process's stdin */
  readStdin?: (() => Promise<string>) | undefined;
  /** Longest wait between two reads of a KULTA Rollout. @default 10_000 */
  rolloutPollMs?: number | undefined;
  /** How long a Rollout is followed before the deploy times out. @default 3_600_000 */
  rolloutMaxMs?: number | undefined;
  /** How long a deploy lock holds without renewal. @default 60_000 */
  lockTtlMs?: number | undefined;
}

/** The engine and what the doors need besides it. */
export interface OpenedEngine extends AsyncDisposable {
  /** The engine, on the kubeconfig's cluster (connected on first use) and the memory directory. */
  readonly engine: Engine;
  /** The settings it was built from. */
  readonly settings: NopeaSettings;
  /** Where memory lives (`settings.memoryDir`). */
  readonly memoryDir: string;
  /** The engine's cluster (for `nopea watch --crds`); absent for an injected engine. */
  readonly cluster?: ClusterPort;
  /** Where CDEvents go (`NOPEA_CDEVENTS_URL`), for `nopea watch`'s incident events. */
  readonly events?: EventSink;
  /** Waits (at most 5 s) for CDEvents still being sent; `await using` calls it too. */
  flush(): Promise<void>;
}

/** Where in the memory directory the schema checks' verdicts are kept (see `SchemaCheckCache`). */
const SCHEMA_CACHE_FILE = "cache/schema-checks.json";

/** Waits `ms`, or until `signal` aborts (a readiness wait woken by a watch event). */
function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function defaultLog(options: OpenEngineOptions): Logger {
  return options.log ??
    lineLogger((line) => console.error(line), { min: options.verbose ? "debug" : "warn" });
}

function engineDeps(
  settings: NopeaSettings,
  kube: KubeAccess,
  log: Logger,
  stdin: (() => Promise<string>) | undefined,
): EngineDeps {
  const clock = systemClock;
  const cluster = lazyCluster(() => new KubeCluster(kube.load(), { log }));
  const dir = settings.memoryDir;
  const deps: EngineDeps = {
    cluster,
    memory: openMemory({ kind: settings.memoryStore, dir, cluster, clock, log }),
    clock,
    ids: ulidSource(clock),
    log,
    sleep: realSleep,
    schemaCache: fileSchemaCheckCache(`${dir}/${SCHEMA_CACHE_FILE}`),
  };
  if (stdin) {
    deps.readManifestFiles = (paths, options) => loadManifestFiles(paths, { ...options, stdin });
  }
  if (settings.cdEventsUrl) {
    deps.events = new HttpEventEmitter({
      url: settings.cdEventsUrl,
      source: kube.eventSource,
      log,
    });
  }
  return deps;
}

function tunables(options: OpenEngineOptions) {
  return {
    ...(options.rolloutPollMs === undefined ? {} : { rolloutPollMs: options.rolloutPollMs }),
    ...(options.rolloutMaxMs === undefined ? {} : { rolloutMaxMs: options.rolloutMaxMs }),
    ...(options.lockTtlMs === undefined ? {} : { lockTtlMs: options.lockTtlMs }),
  };
}

/**
 * Opens Nopea as the CLI, `nopea mcp` and `nopea serve` do: settings resolved once (options >
 * environment > defaults, as `resolveSettings` does), the kubeconfig's cluster (read on first
 * use, so memory-only work needs no kubeconfig), memory in `memoryDir`, the system clock, ULID
 * ids, CDEvents to `NOPEA_CDEVENTS_URL` and `<hostname>/<pid>` as lock identity. Deploys that
 * name no namespace go to the kubeconfig context's namespace.
 *
 * @param options Explicit settings (they win over the environment) and logging.
 * @returns The engine, its settings, and `flush()` for CDEvents still being sent.
 * @throws {NopeaError} `SPEC_INVALID` for a bad setting, naming it and what it accepts
 *
 * @example Read what memory knows, without a kubeconfig
 * ```ts
 * import { openEngine } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const memoryDir = await Deno.makeTempDir();
 * await using nopea = openEngine({ memoryDir, env: {}, canaryThreshold: 0.3 });
 * equal(nopea.settings.canaryThreshold, 0.3);
 * equal((await nopea.engine.services()).length, 0);
 * await Deno.remove(memoryDir, { recursive: true });
 * ```
 */
export function openEngine(options: OpenEngineOptions = {}): OpenedEngine {
  const { settings, kube } = resolveWiring(options);
  const deps = engineDeps(settings, kube, defaultLog(options), options.readStdin);
  const engine = createEngine(deps, {
    canaryThreshold: settings.canaryThreshold,
    applyConcurrency: settings.applyConcurrency,
    timeoutMs: settings.timeoutMs,
    podProblemToleranceMs: settings.podProblemToleranceMs,
    lockIdentity: settings.lockIdentity,
    defaultNamespace: settings.defaultNamespace,
    ...tunables(options),
  });
  const events = deps.events instanceof HttpEventEmitter ? deps.events : undefined;
  const flush = () => events?.flush(5_000) ?? Promise.resolve();
  return {
    engine,
    settings,
    memoryDir: settings.memoryDir,
    cluster: deps.cluster,
    ...(deps.events ? { events: deps.events } : {}),
    flush,
    [Symbol.asyncDispose]: flush,
  };
}
