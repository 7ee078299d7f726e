/**
 * Benchmark (issue 18): `nopea watch` over 50 git sources (50 local repositories, one service
 * each) against the sandbox over HTTPS. One source gets a new commit; measured in one run:
 * push (webhook) to deployed (through `nopea watch`'s server and through `nopea serve --watch`'s
 * HTTP app), and one poll of all 50 sources (49 unchanged, 1 deployed), each as
 * a ratio of a plain `engine.deploy` of the same manifests; then the watch loop's idle CPU and
 * memory over a window where nothing changes (every source polled each second, drift checked).
 * Run: `deno run -A bench/watch.ts [sources] [idle seconds]`.
 */
import { cpuUsage } from "node:process";
import { sign } from "@octokit/webhooks-methods";
import { createEngine } from "../src/engine/mod.ts";
import {
  abortableSleep,
  createWatchApp,
  createWatcher,
  isomorphicGit,
  type WatchSource,
} from "../src/gitops/mod.ts";
import { createHttpApp } from "../src/http/mod.ts";
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../src/memory/mod.ts";
import { startSandbox } from "../src/sandbox/mod.ts";
import { silentLogger, systemClock, ulidSource } from "../src/shared/mod.ts";

const SOURCES = Number(Deno.args[0] ?? 50);
const IDLE_SECONDS = Number(Deno.args[1] ?? 5);

async function git(dir: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: ["-c", "user.email=b@nopea.test", "-c", "user.name=bench", ...args],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).trim();
}

function configMap(name: string, version: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {version: "${version}"}\n`;
}

async function commit(dir: string, name: string, version: number): Promise<string> {
  await Deno.writeTextFile(`${dir}/k8s/app.yaml`, configMap(name, version));
  await git(dir, "add", "-A");
  await git(dir, "commit", "-q", "-m", `v${version}`);
  return await git(dir, "rev-parse", "HEAD");
}

const root = await Deno.makeTempDir({ prefix: "nopea-bench-watch-" });
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
try {
  await Deno.writeTextFile(`${root}/kubeconfig`, sandbox.kubeconfig());
  const kc = loadKubeConfig({ kubeconfig: `${root}/kubeconfig`, env: {} });
  const clock = systemClock;
  const engine = createEngine({
    cluster: new KubeCluster(kc),
    memory: createMemory(new InMemoryMemoryStore(), { clock, ids: ulidSource(clock) }),
    clock,
    ids: ulidSource(clock),
    log: silentLogger,
    sleep: (ms) => abortableSleep(ms),
  });
  const sources: WatchSource[] = [];
  for (let i = 0; i < SOURCES; i++) {
    const dir = `${root}/repo-${i}`;
    await Deno.mkdir(`${dir}/k8s`, { recursive: true });
    await git(dir, "init", "-q", "-b", "main");
    await commit(dir, `app-${i}`, 1);
    sources.push({
      name: `app-${i}`,
      service: `app-${i}`,
      repo: dir,
      branch: "main",
      path: "k8s",
      intervalMs: 1000,
    });
  }
  const watcher = createWatcher({
    engine,
    git: isomorphicGit({ cacheDir: `${root}/cache` }),
    clock,
    log: silentLogger,
    sleep: abortableSleep,
  }, sources);
  let start = performance.now();
  await watcher.tick();
  const firstSync = performance.now() - start;
  console.log(`nopea watch, ${SOURCES} sources (sandbox over HTTPS):`);
  console.log(`  first sync of all sources            ${firstSync.toFixed(0).padStart(7)} ms`);

  start = performance.now();
  await engine.deploy({ service: "baseline", manifests: configMap("baseline", 1) });
  const baseline = performance.now() - start;
  console.log(`  baseline: one plain engine.deploy    ${baseline.toFixed(1).padStart(7)} ms`);

  /** Time from a signed push of a new commit of source `i` to its deploy, through `fetch`. */
  const timePush = async (
    i: number,
    fetch: (r: Request) => Promise<Response>,
    idle: () => Promise<unknown>,
  ) => {
    const pushed = await commit(`${root}/repo-${i}`, `app-${i}`, 2);
    const body = JSON.stringify({ ref: "refs/heads/main", after: pushed });
    const request = new Request(`http://127.0.0.1/webhook/app-${i}`, {
      method: "POST",
      headers: { "x-hub-signature-256": await sign("bench", body), "x-github-event": "push" },
      body,
    });
    const begin = performance.now();
    await (await fetch(request)).body?.cancel();
    await idle();
    const ms = performance.now() - begin;
    return `${ms.toFixed(1).padStart(7)} ms  (${(ms / baseline).toFixed(2)}x the plain deploy)`;
  };
  const app = createWatchApp(watcher, { webhookSecret: "bench", log: silentLogger });
  console.log(
    `  push (webhook) to deployed           ${await timePush(
      7,
      async (r) => await app.fetch(r),
      app.idle,
    )}`,
  );
  const syncs: Promise<unknown>[] = [];
  const served = createHttpApp(engine, {
    apiKey: "bench-key",
    watch: {
      watcher,
      webhookSecret: "bench",
      alive: () => true,
      log: silentLogger,
      started: (sync) => syncs.push(sync),
    },
  });
  const servedPush = await timePush(
    9,
    async (r) => await served.fetch(r),
    () => Promise.all(syncs),
  );
  console.log(`  same, through nopea serve --watch    ${servedPush}`);

  await commit(`${root}/repo-8`, "app-8", 2);
  await abortableSleep(1000); // every source is due again
  start = performance.now();
  const outcomes = await watcher.tick();
  const poll = performance.now() - start;
  const deployed = [...outcomes.values()].filter((o) => o.kind === "deployed").length;
  console.log(
    `  one poll of all (${deployed} deployed, rest unchanged) ${poll.toFixed(1).padStart(7)} ms  (${
      (poll / baseline).toFixed(2)
    }x the plain deploy)`,
  );

  const stop = new AbortController();
  const cpuBefore = cpuUsage();
  const wallBefore = performance.now();
  const running = watcher.run(stop.signal);
  await abortableSleep(IDLE_SECONDS * 1000);
  stop.abort();
  await running;
  const cpu = cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  const cpuPct = ((cpu.user + cpu.system) / 1000 / wall) * 100;
  const rssMiB = Deno.memoryUsage().rss / 1024 / 1024;
  const heapMiB = Deno.memoryUsage().heapUsed / 1024 / 1024;
  console.log(
    `  idle loop (poll + drift check each 1s): ${cpuPct.toFixed(1)}% of one core, rss ${
      rssMiB.toFixed(0)
    } MiB, heap ${heapMiB.toFixed(0)} MiB (this process also runs the sandbox)`,
  );
} finally {
  await sandbox.close();
  await Deno.remove(root, { recursive: true });
}
