/**
 * The cluster memory store's speed bars (issue #13), against an HTTPS sandbox with the real
 * client: `deno run -A bench/memory_cluster.ts [--occurrences 10000]`.
 *
 * Writes N deploy occurrences into the cluster store (chunks of 500, as many pushes would leave
 * them before a compaction), then measures a cold sync into an empty `.nopea/` (target < 5 s for
 * 10,000) and `context()` with a warm local cache as a new CLI process pays it: a new client
 * (TLS handshake), the sync position read from disk, the pull (one round trip when nothing is
 * new) and the local store opened from its snapshot (target < 100 ms). The baseline, measured
 * in the same run, is the same `context()` with the file store alone; the ratio is printed.
 */
import { parseArgs } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeCluster } from "../src/kube/mod.ts";
import { createMemory, FileMemoryStore, type MemoryStore } from "../src/memory/mod.ts";
import {
  ClusterOccurrenceStore,
  fileSyncState,
  SyncedMemoryStore,
} from "../src/memory_cluster/mod.ts";
import { buildOccurrence } from "../src/occurrences/mod.ts";
import { fixedClock } from "../src/shared/mod.ts";
import { startHttpSandbox } from "../src/testing/mod.ts";
import { benchRecord } from "./memory_scale.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: { occurrences: { type: "string", default: "10000" } },
});
const N = Number(args.occurrences);
const SERVICES = 50;
const clock = fixedClock(Date.parse("2026-01-01T00:00:00Z") + N * 60_000);
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function report(what: string, figure: string, target = "") {
  console.log(`${what.padEnd(60)} ${figure.padEnd(16)} ${target}`);
}

async function fill(remote: ClusterOccurrenceStore): Promise<void> {
  const occurrences = Array.from(
    { length: N },
    (_, i) =>
      buildOccurrence(benchRecord(i, SERVICES, "deploy"), undefined, {
        id: `01OCC${String(i).padStart(21, "0")}`,
      }),
  );
  for (let i = 0; i < N; i += 500) await remote.write(occurrences.slice(i, i + 500));
}

function synced(dir: string, cluster: KubeCluster): SyncedMemoryStore {
  const local = new FileMemoryStore(dir, { clock });
  return new SyncedMemoryStore(local, new ClusterOccurrenceStore(cluster), {
    state: fileSyncState(dir),
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function contextOnce(store: () => MemoryStore): Promise<number> {
  return await timed(async () => {
    const context = await createMemory(store(), { clock }).context("svc-7", "prod");
    if (!context.known) throw new Error("svc-7 unknown: the sync lost it");
  });
}

await using h = await startHttpSandbox();
const kc = new KubeConfig();
kc.loadFromString(h.sandbox.kubeconfig());
const root = await Deno.makeTempDir({ prefix: "nopea-cluster-bench-" });
try {
  console.log(`${N.toLocaleString("en")} occurrences of ${SERVICES} services in the cluster`);
  await fill(new ClusterOccurrenceStore(h.cluster));
  const dir = `${root}/.nopea`;
  let pulled = 0;
  const cold = await timed(async () => (pulled = (await synced(dir, h.cluster).sync()).pulled));
  if (pulled !== N) throw new Error(`cold sync pulled ${pulled} of ${N}`);
  report(
    "cold sync into an empty .nopea/",
    ms(cold),
    `target < 5000 ms: ${cold < 5000 ? "ok" : "MISSED"}`,
  );
  await contextOnce(() => new FileMemoryStore(dir, { clock })); // the snapshot is written
  const warm: number[] = [];
  const file: number[] = [];
  for (let i = 0; i < 7; i++) {
    warm.push(await contextOnce(() => synced(dir, new KubeCluster(kc, {}))));
    file.push(await contextOnce(() => new FileMemoryStore(dir, { clock })));
  }
  const [w, f] = [median(warm), median(file)];
  report(
    "context(), cluster store, warm cache, new client (median)",
    ms(w),
    `target < 100 ms: ${w < 100 ? "ok" : "MISSED"}`,
  );
  report("context(), file store alone (baseline, median)", ms(f));
  report("cluster store / file store", `${(w / f).toFixed(2)}x`);
  const pushes: number[] = [];
  const store = synced(dir, h.cluster);
  const memory = createMemory(store, { clock });
  for (let i = 0; i < 5; i++) {
    pushes.push(await timed(() => memory.record(benchRecord(N + i, SERVICES, "deploy"))));
  }
  report("record one deploy and push it, 10,000 local (median)", ms(median(pushes)));
} finally {
  await Deno.remove(root, { recursive: true });
}
