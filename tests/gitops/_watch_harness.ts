/** Test helper: a watcher over a test repository, on an engine talking HTTPS to a sandbox. */
import {
  createWatcher,
  type DriftNotifier,
  type GitPort,
  isomorphicGit,
  type Watcher,
  type WatchSource,
} from "../../src/gitops/mod.ts";
import type { Engine } from "../../src/engine/mod.ts";
import type { EventSink } from "../../src/events/mod.ts";
import { memoryLogger } from "../../src/testing/mod.ts";
import { type EngineHarness, engineHarness } from "../_engine.ts";
import { createTestRepo, type TestRepo } from "./_git_repo.ts";

/** The interval of the sources of these tests. */
export const INTERVAL_MS = 60_000;

/** A sandbox, an engine, a test repository and a watcher of `sources`. */
export interface WatchHarness extends AsyncDisposable {
  harness: EngineHarness;
  repo: TestRepo;
  watcher: Watcher;
  log: ReturnType<typeof memoryLogger>;
}

/** A source `web` over the test repository's `k8s/` folder, deployed as service `web`. */
export function webSource(repo: TestRepo, extra: Partial<WatchSource> = {}): WatchSource {
  return {
    name: "web",
    service: "web",
    repo: repo.dir,
    branch: "main",
    path: "k8s",
    intervalMs: INTERVAL_MS,
    ...extra,
  };
}

/** Starts everything; `sources` defaults to one {@linkcode webSource}. */
export async function watchHarness(
  sources?: (repo: TestRepo) => WatchSource[],
  extra: {
    events?: EventSink;
    git?: (git: GitPort) => GitPort;
    notifier?: DriftNotifier;
    notifyUrl?: string;
    engine?: (engine: Engine) => Engine;
  } = {},
): Promise<WatchHarness> {
  const harness = await engineHarness();
  const repo = await createTestRepo();
  const cacheDir = await Deno.makeTempDir({ prefix: "nopea-git-cache-" });
  const log = memoryLogger();
  const { git: wrapGit = (git: GitPort) => git, engine: wrapEngine = (e: Engine) => e, ...rest } =
    extra;
  const watcher = createWatcher({
    engine: wrapEngine(harness.engine),
    git: wrapGit(isomorphicGit({ cacheDir })),
    clock: harness.h.clock,
    log,
    sleep: harness.h.sleep,
    ...rest,
  }, sources?.(repo) ?? [webSource(repo)]);
  return {
    harness,
    repo,
    watcher,
    log,
    async [Symbol.asyncDispose]() {
      await harness[Symbol.asyncDispose]();
      await repo[Symbol.asyncDispose]();
      await Deno.remove(cacheDir, { recursive: true });
    },
  };
}
