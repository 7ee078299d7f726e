/** The GitOps loop of `nopea watch` and `nopea serve --watch`: the watcher, GitRepository objects, the stop. */
import { join, resolve } from "node:path";
import {
  abortableSleep,
  createWatcher,
  httpDriftNotifier,
  isomorphicGit,
  startRepositoryController,
  type SyncOutcome,
  type Watcher,
  type WatchSource,
  writeRepositoryStatus,
} from "../../gitops/mod.ts";
import { type Logger, systemClock } from "../../shared/mod.ts";
import type { OpenedEngine } from "../../wiring/mod.ts";
import type { CommandContext } from "../commands.ts";
import { usage } from "./_watch_flags.ts";

/** A loop ready to run, with what a server hosting it needs. */
export interface WatchLoop {
  /** The loop over the sources. */
  watcher: Watcher;
  /** Runs the loop until `signal` aborts (the deploy in flight is interrupted and recorded). */
  run(signal: AbortSignal): Promise<void>;
  /** Whether the loop runs (false once `run` ended). */
  alive(): boolean;
  /** Keeps a sync a webhook started, so that `close` waits for it. */
  started(sync: Promise<SyncOutcome>): void;
  /** Stops following GitRepository objects and waits for the syncs webhooks started. */
  close(): Promise<void>;
}

/** What the loop is built from: the checked source of the flags, `--crds` and its namespace. */
export interface WatchLoopSettings {
  source: WatchSource | undefined;
  /** The notify URL of sources without their own. */
  notifyUrl?: string | undefined;
  crds?: boolean | undefined;
  namespace?: string | undefined;
}

/**
 * Builds the loop on an opened engine: git clones under `<memory dir>/git`, statuses written to
 * GitRepository objects, incident CDEvents when `NOPEA_CDEVENTS_URL` is set, drift notices of
 * the `notify` policy POSTed to the source's URL or `settings.notifyUrl`.
 *
 * @throws {NopeaError} `SPEC_INVALID` for `--crds` without a cluster
 */
export async function openWatchLoop(
  ctx: CommandContext,
  settings: WatchLoopSettings,
  opened: OpenedEngine,
  log: Logger,
): Promise<WatchLoop> {
  const cluster = opened.cluster;
  if (settings.crds && !cluster) throw usage("--crds needs a cluster", "Pass --kubeconfig");
  const watcher = createWatcher({
    engine: opened.engine,
    git: isomorphicGit({ cacheDir: join(resolve(ctx.io.cwd, opened.memoryDir), "git") }),
    clock: systemClock,
    log,
    sleep: abortableSleep,
    ...(opened.events ? { events: opened.events } : {}),
    notifier: httpDriftNotifier({ log, sleep: abortableSleep }),
    ...(settings.notifyUrl ? { notifyUrl: settings.notifyUrl } : {}),
    ...(cluster ? { onStatus: (s, src) => writeRepositoryStatus(cluster, s, src) } : {}),
  }, settings.source ? [settings.source] : []);
  const crds = settings.crds && cluster
    ? await startRepositoryController(
      { cluster, watcher, clock: systemClock, log },
      settings.namespace ? { namespace: settings.namespace } : {},
    )
    : undefined;
  let alive = true;
  const syncs = new Set<Promise<unknown>>();
  return {
    watcher,
    alive: () => alive,
    run: (signal) => watcher.run(signal).finally(() => (alive = false)),
    started(sync) {
      const kept = sync.catch(() => undefined).finally(() => syncs.delete(kept));
      syncs.add(kept);
    },
    async close() {
      crds?.stop();
      while (syncs.size > 0) await Promise.allSettled([...syncs]);
    },
  };
}
