/**
 * Memory benchmarks (DESIGN §9): replay of 100,000 occurrences (< 5 s), context
 * from the snapshot of that store including load (< 100 ms), and recording one
 * deploy, its snapshot write included (< 5 ms plus one fsync, on a young store).
 * The data is generated in a temp dir here. `bench/memory_scale.ts` measures
 * 1,000,000 occurrences, compaction and fresh processes.
 */
import { fixedClock, seqIds, systemClock } from "../src/shared/mod.ts";
import type { DeployRecord } from "../src/deploys/mod.ts";
import { createMemory, FileMemoryStore } from "../src/memory/mod.ts";
import { buildOccurrence } from "../src/occurrences/mod.ts";

const OCCURRENCES = 100_000;
const SERVICES = 50;
const CLASSES = [
  "ImagePullBackOff",
  "CrashLoopBackOff",
  "ProgressDeadlineExceeded",
  "Timeout",
  "Forbidden",
];
const START = Date.parse("2026-01-01T00:00:00Z");

function record(i: number): DeployRecord {
  const service = `svc-${i % SERVICES}`;
  const failed = i % 5 === 0;
  const finished = START + i * 60_000;
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
      {
        key: `Deployment.apps/prod/${service}`,
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: service,
        namespace: "prod",
        action: "configured",
      },
      {
        key: `Service/prod/${service}`,
        apiVersion: "v1",
        kind: "Service",
        name: service,
        namespace: "prod",
        action: "unchanged",
      },
    ],
    verified: !failed,
    driftCount: 0,
    ...(failed
      ? { error: { code: "INTERNAL", message: `pod is in ${CLASSES[i % CLASSES.length]}` } }
      : {}),
    images: [`registry.example/${service}:${i % 10}`],
    dependsOn: i % 3 === 0 ? [`svc-${(i + 1) % SERVICES}`] : [],
    warnings: [],
  };
}

async function generate(dir: string): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const file = await Deno.open(`${dir}/occurrences.ndjson`, {
    write: true,
    create: true,
    truncate: true,
  });
  const encoder = new TextEncoder();
  let batch: string[] = [];
  for (let i = 0; i < OCCURRENCES; i++) {
    const occ = buildOccurrence(record(i), undefined, {
      id: `01OCC${String(i).padStart(21, "0")}`,
    });
    batch.push(JSON.stringify(occ));
    if (batch.length === 5000 || i === OCCURRENCES - 1) {
      const bytes = encoder.encode(`${batch.join("\n")}\n`);
      let off = 0;
      while (off < bytes.length) off += await file.write(bytes.subarray(off));
      batch = [];
    }
  }
  file.close();
}

const root = await Deno.makeTempDir({ prefix: "nopea-bench-" });
const replayDir = `${root}/replay`;
const snapshotDir = `${root}/snapshot`;
const recordDir = `${root}/record`;
await generate(replayDir);
await Deno.mkdir(snapshotDir);
await Deno.copyFile(`${replayDir}/occurrences.ndjson`, `${snapshotDir}/occurrences.ndjson`);
// A load that replays this much writes the snapshot (compaction would drop most of the log).
await new FileMemoryStore(snapshotDir, { clock: systemClock }).load();
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

Deno.bench(
  { name: "replay 100,000 occurrences (no snapshot)", group: "replay", n: 3, warmup: 1 },
  async () => {
    // The load writes a snapshot at the end (part of the figure); the next one starts without.
    await Deno.remove(`${replayDir}/graph.json`).catch(() => {});
    const state = await new FileMemoryStore(replayDir, { clock: systemClock }).load();
    if (state.occurrences !== OCCURRENCES) throw new Error(`replayed ${state.occurrences}`);
  },
);

Deno.bench({
  name: "context() on the 100,000-occurrence store, from the snapshot, including load",
  group: "context",
}, async () => {
  const clock = fixedClock(START + OCCURRENCES * 60_000);
  const memory = createMemory(new FileMemoryStore(snapshotDir, { clock }), { clock });
  const context = await memory.context("svc-7", "prod");
  if (!context.known) throw new Error("svc-7 unknown");
});

let n = 0;
const durable = createMemory(new FileMemoryStore(`${recordDir}/durable`, { clock: systemClock }), {
  clock: systemClock,
  ids: seqIds("01REC"),
});
const buffered = createMemory(
  new FileMemoryStore(`${recordDir}/buffered`, { clock: systemClock, durable: false }),
  {
    clock: systemClock,
    ids: seqIds("01BUF"),
  },
);

Deno.bench(
  { name: "record one deploy and write the snapshot (with fsync)", group: "record" },
  async () => {
    await durable.record(record(n++));
  },
);

Deno.bench(
  { name: "record one deploy and write the snapshot (no fsync)", group: "record" },
  async () => {
    await buffered.record(record(n++));
  },
);
