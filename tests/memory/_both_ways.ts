/** Replays the same log line by line and with a worker (parallel replay tests). */
import { equal } from "node:assert/strict";
import { fixedClock, memoryLogger } from "../../src/shared/mod.ts";
import { FileMemoryStore } from "../../src/memory/mod.ts";
import { snapshotText } from "../../src/memory/snapshot_text.ts";

/** The clock of every store. */
const clock = fixedClock("2026-03-01T00:00:00Z");

/** A temporary directory, removed when disposed. */
export async function tmp() {
  const root = await Deno.makeTempDir({ prefix: "nopea-parallel-" });
  return { root, [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }) };
}

/** A store of `dir` that replays with a worker from `parallelReplayBytes` bytes on. */
export function store(dir: string, parallelReplayBytes: number, log = memoryLogger()) {
  return new FileMemoryStore(dir, {
    clock,
    durable: false,
    compactEvery: 0,
    log,
    parallelReplayBytes,
  });
}

/** Loads a copy of `log` line by line and with the worker; returns both snapshots' text. */
export async function bothWays(root: string, log: string): Promise<[string, string]> {
  const out: string[] = [];
  for (const [name, bytes] of [["serial", Number.POSITIVE_INFINITY], ["parallel", 0]] as const) {
    const dir = `${root}/${name}`;
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(`${dir}/occurrences.ndjson`, log);
    const logger = memoryLogger();
    out.push(snapshotText(await store(dir, bytes, logger).load()));
    const byWorker = logger.records.filter((r) => r.message.includes("with a worker"));
    equal(byWorker.length > 0, bytes === 0, `${name}: ${JSON.stringify(logger.records)}`);
  }
  return out as [string, string];
}
