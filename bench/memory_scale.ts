/**
 * Memory at scale (DESIGN §9), printed with the targets:
 * `deno run -A bench/memory_scale.ts [--occurrences 1000000] [--services 50] [--images deploy|10]
 * [--runs 3] [--replay-only]`.
 *
 * Generates a log of N deploy occurrences (50 services, one deploy a minute; by default every
 * deploy ships a new image tag, as CI does) and measures: replay without a snapshot
 * (target < 10 s for 1,000,000; also on one thread, the baseline of the same run, checked to
 * learn the same state; with the CPU seconds of the busiest thread, which a loaded machine moves
 * less than the wall time), `context()` in a fresh store from the snapshot and its context
 * index with the whole log behind it (target < 50 ms), recording one deploy with its snapshot
 * write, compaction with the default retention, and `context()` on a graph with thousands of
 * incoming edges.
 */
import { parseArgs } from "node:util";
import { fixedClock, seqIds, systemClock } from "../src/shared/mod.ts";
import type { DeployRecord } from "../src/deploys/mod.ts";
import { createMemory, FileMemoryStore, InMemoryMemoryStore, nodeId } from "../src/memory/mod.ts";
import { buildOccurrence } from "../src/occurrences/mod.ts";

const { values: args } = parseArgs({
  args: import.meta.main ? Deno.args : [],
  options: {
    occurrences: { type: "string", default: "1000000" },
    services: { type: "string", default: "50" },
    images: { type: "string", default: "deploy" },
    "context-once": { type: "string" },
    runs: { type: "string", default: "1" },
    "replay-only": { type: "boolean", default: false },
  },
});
const N = Number(args.occurrences);
const SERVICES = Number(args.services);
const START = Date.parse("2026-01-01T00:00:00Z");
const CLASSES = ["ImagePullBackOff", "CrashLoopBackOff", "Timeout", "Forbidden"];

/** Deploy `i`: a minute after deploy `i - 1`; every fifth fails. */
export function benchRecord(i: number, services = SERVICES, images = args.images): DeployRecord {
  const service = `svc-${i % services}`;
  const failed = i % 5 === 0;
  const finished = START + i * 60_000;
  const tag = images === "deploy" ? Math.floor(i / services) : i % Number(images);
  const resource = (kind: string, api: string, action: "configured" | "unchanged") => ({
    key: `${kind}${api === "v1" ? "" : ".apps"}/prod/${service}`,
    apiVersion: api,
    kind,
    name: service,
    namespace: "prod",
    action,
  });
  return {
    deployId: `01BENCH${String(i).padStart(19, "0")}`,
    service,
    namespace: i % 7 === 0 ? "staging" : "prod",
    strategy: failed ? "canary" : "direct",
    strategyReasons: [],
    status: failed ? "failed" : "completed",
    startedAt: new Date(finished - 20_000).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: 20_000,
    resources: [
      resource("Deployment", "apps/v1", "configured"),
      resource("Service", "v1", "unchanged"),
    ],
    verified: !failed,
    driftCount: 0,
    ...(failed ? { error: { code: "DEPLOY_FAILED", message: `pod is in ${CLASSES[i % 4]}` } } : {}),
    images: [`registry.example/${service}:${tag}`],
    dependsOn: i % 3 === 0 ? [`svc-${(i + 1) % services}`] : [],
    warnings: [],
  };
}

async function generate(path: string): Promise<number> {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  const encoder = new TextEncoder();
  for (let i = 0; i < N; i += 5000) {
    const lines = [];
    for (let j = i; j < Math.min(N, i + 5000); j++) {
      const id = `01OCC${String(j).padStart(21, "0")}`;
      lines.push(JSON.stringify(buildOccurrence(benchRecord(j), undefined, { id })));
    }
    const bytes = encoder.encode(`${lines.join("\n")}\n`);
    for (let off = 0; off < bytes.length;) off += await file.write(bytes.subarray(off));
  }
  file.close();
  return (await Deno.stat(path)).size;
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

async function samples(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await time(fn))[0]);
  return out.sort((a, b) => a - b);
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]) => xs[Math.floor(xs.length * 0.95)] as number;
function report(what: string, figure: string, target = "") {
  console.log(`${what.padEnd(64)} ${figure.padEnd(28)} ${target}`);
}

async function contextOnce(dir: string, clock = fixedClock(START + N * 60_000)) {
  const memory = createMemory(new FileMemoryStore(dir, { clock }), { clock });
  const context = await memory.context("svc-7", "prod");
  if (!context.known) throw new Error("svc-7 unknown");
}

/** `context()` as a CLI process pays it: a fresh process opens the store and asks once. */
async function contextInFreshProcesses(dir: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const child = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        import.meta.filename ?? "",
        "--occurrences",
        `${N}`,
        "--context-once",
        dir,
      ],
      stdout: "piped",
    }).output();
    out.push(Number(new TextDecoder().decode(child.stdout)));
  }
  return out.sort((a, b) => a - b);
}

let next = N;

/** Records `n` more deploys, one a minute on (never compacting by itself: that is measured apart). */
async function recordCost(dir: string, durable: boolean, n: number): Promise<number[]> {
  const clock = fixedClock(START + N * 60_000);
  const store = new FileMemoryStore(dir, { clock, durable, compactEvery: 0 });
  const memory = createMemory(store, { clock, ids: seqIds(durable ? "01DUR" : "01BUF") });
  return await samples(n, () => memory.record(benchRecord(next++)));
}

async function incomingEdges(): Promise<void> {
  const clock = fixedClock(START + 6_500 * 60_000);
  const store = new InMemoryMemoryStore();
  const memory = createMemory(store, { clock, ids: seqIds("01INC") });
  for (let i = 0; i < 6_500; i++) await memory.record(benchRecord(i, 20, "deploy"));
  const graph = (await store.load()).graph;
  const target = nodeId("service", "svc-3");
  const indexed = median(await samples(200, () => memory.context("svc-3", "prod")));
  const scan = median(
    await samples(200, () => {
      // What incomingAt did before the index: a scan of every relationship.
      let n = 0;
      for (const r of graph.relationships.values()) {
        if (r.target === target && r.relation === "depends_on") n++;
      }
      return Promise.resolve(n);
    }),
  );
  report(
    `context() after 6,500 deploys with a new image each (${graph.relationships.size} edges)`,
    `${ms(indexed)} per call`,
    `(one scan of all edges alone: ${ms(scan)})`,
  );
}

/**
 * Samples the CPU seconds each thread of this process used (Linux; nothing elsewhere) every
 * 20 ms from a thread of its own, so a busy loading thread does not stop the sampling and a
 * thread that ends is counted up to its last sample.
 */
const SAMPLER = `
const start = new Map();
const seen = new Map();
function sample() {
  try {
    for (const task of Deno.readDirSync("/proc/self/task")) {
      try {
        const stat = Deno.readTextFileSync("/proc/self/task/" + task.name + "/stat");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        seen.set(task.name, (Number(f[11]) + Number(f[12])) / 100);
      } catch { /* the thread ended */ }
    }
  } catch { /* no /proc */ }
}
sample();
for (const [id, cpu] of seen) start.set(id, cpu);
self.postMessage("ready");
const timer = setInterval(sample, 20);
self.onmessage = () => {
  clearInterval(timer);
  sample();
  self.postMessage([...seen].map(([id, cpu]) => cpu - (start.get(id) ?? 0)));
};
`;

/** Starts sampling; the function it gives stops it and says the CPU seconds of the two busiest threads since. */
async function threadCpu(): Promise<() => Promise<readonly [number, number]>> {
  const url = URL.createObjectURL(new Blob([SAMPLER], { type: "application/javascript" }));
  const sampler = new Worker(url, { type: "module" });
  let used: (cpu: number[]) => void = () => {};
  await new Promise<void>((ready) => {
    sampler.onmessage = (e) => e.data === "ready" ? ready() : used(e.data);
  });
  return async () => {
    const cpu = new Promise<number[]>((resolve) => used = resolve);
    sampler.postMessage(0);
    const [busiest = 0, next = 0] = (await cpu).sort((a, b) => b - a);
    sampler.terminate();
    URL.revokeObjectURL(url);
    return [busiest, next] as const;
  };
}

async function replayOnce(dir: string, parallelReplayBytes: number) {
  for (const file of ["graph.json", "context-index.ndjson"]) {
    await Deno.remove(`${dir}/${file}`).catch(() => {});
  }
  const stop = await threadCpu();
  const store = new FileMemoryStore(dir, { clock: systemClock, parallelReplayBytes });
  const [took, state] = await time(() => store.load());
  const [busiest, next] = await stop();
  if (state.occurrences !== N) throw new Error(`replayed ${state.occurrences}`);
  return { took, busiest, next, snapshot: await Deno.readTextFile(`${dir}/graph.json`) };
}

const spread = (xs: number[], f: (x: number) => string) =>
  xs.length === 1
    ? f(xs[0] as number)
    : `min ${f(xs[0] as number)}, median ${f(median(xs))}, max ${f(xs.at(-1) as number)}`;

async function replayAndSnapshot(dir: string): Promise<void> {
  const [genMs, size] = await time(() => generate(`${dir}/occurrences.ndjson`));
  report("generate the log", `${mib(size)} in ${ms(genMs)}`);
  // The baseline, measured in this run: every line read, parsed and learned on one thread;
  // the runs alternate, so both see the same load.
  const serial: Awaited<ReturnType<typeof replayOnce>>[] = [];
  const parallel: typeof serial = [];
  for (let run = 0; run < Number(args.runs); run++) {
    serial.push(await replayOnce(dir, Number.POSITIVE_INFINITY));
    parallel.push(await replayOnce(dir, 0));
    if (parallel.at(-1)?.snapshot !== serial[0]?.snapshot) {
      throw new Error("the parallel replay learned another state");
    }
  }
  const took = (xs: typeof serial) => xs.map((x) => x.took).sort((a, b) => a - b);
  const busiest = (xs: typeof serial) => xs.map((x) => x.busiest).sort((a, b) => a - b);
  const next = (xs: typeof serial) => xs.map((x) => x.next).sort((a, b) => a - b);
  const seconds = (v: number) => `${v.toFixed(1)} s`;
  const n = N.toLocaleString("en");
  report(`replay ${n}, one thread (the baseline)`, spread(took(serial), ms));
  report(`  the same, CPU of the busiest thread`, spread(busiest(serial), seconds));
  const ratio = `${(median(took(serial)) / median(took(parallel))).toFixed(2)}× the baseline`;
  report(
    `replay ${n} occurrences, no snapshot (then writes one)`,
    `${spread(took(parallel), ms)} (graph.json ${mib(serial[0]?.snapshot.length ?? 0)})`,
    `target < 10 s; ${ratio} (median), same state`,
  );
  report(`  the same, CPU of the busiest thread`, spread(busiest(parallel), seconds));
  report(`  the same, CPU of the next busiest thread`, spread(next(parallel), seconds));
}

async function contextAndRecord(dir: string): Promise<void> {
  const fresh = await contextInFreshProcesses(dir, 9);
  report(
    "context() in a fresh process from the snapshot, load included",
    `median ${ms(median(fresh))}, max ${ms(fresh.at(-1) ?? 0)}`,
    "target < 50 ms",
  );
  const warm = await samples(20, () => contextOnce(dir));
  report("context() in a new store of a process that opened 20", `median ${ms(median(warm))}`);
  for (const durable of [false, true]) {
    const cost = await recordCost(dir, durable, 40);
    report(
      `record one deploy, snapshot included (${durable ? "fsync" : "no fsync"})`,
      `median ${ms(median(cost))}, p95 ${ms(p95(cost))}`,
    );
  }
}

async function compaction(dir: string): Promise<void> {
  const [compactMs, compacted] = await time(() =>
    new FileMemoryStore(dir, { clock: systemClock }).compact()
  );
  const after = (await Deno.stat(`${dir}/occurrences.ndjson`)).size;
  const { occurrences, occurrencesKept } = compacted;
  report(
    "compact (100 per service, 30 days)",
    `${ms(compactMs)}: ${occurrences} dropped, ${occurrencesKept} kept, ${mib(after)} left`,
  );
  const fresh = await contextInFreshProcesses(dir, 9);
  report("context() in a fresh process after compaction", `median ${ms(median(fresh))}`);
  await Deno.remove(`${dir}/graph.json`);
  const [rebuildMs] = await time(() => new FileMemoryStore(dir, { clock: systemClock }).load());
  report("rebuild from the compacted log (checkpoint + kept lines)", ms(rebuildMs));
}

if (import.meta.main && args["context-once"] !== undefined) {
  const [took] = await time(() => contextOnce(args["context-once"] as string));
  console.log(took.toFixed(2));
} else if (import.meta.main) {
  const root = await Deno.makeTempDir({ prefix: "nopea-scale-" });
  try {
    const images = `images per ${args.images === "deploy" ? "deploy" : `${args.images} tags`}`;
    console.log(`${N.toLocaleString("en")} occurrences, ${SERVICES} services, ${images}`);
    const dir = `${root}/store`;
    await Deno.mkdir(dir);
    await replayAndSnapshot(dir);
    if (!args["replay-only"]) {
      await contextAndRecord(dir);
      await compaction(dir);
      await incomingEdges();
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
