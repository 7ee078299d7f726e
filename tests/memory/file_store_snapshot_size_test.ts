/**
 * A big snapshot is not rewritten after every record: the context index is (so `context` stays
 * fast and exact), the snapshot once the log has grown by a sixteenth of its size; a fresh process
 * reads the records after it and knows the same.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { fixedClock, seqIds } from "../../src/shared/mod.ts";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import { buildRecord } from "./_factory.ts";

const clock = fixedClock("2026-01-01T01:00:00Z");

function open(dir: string) {
  const store = new FileMemoryStore(dir, { clock, durable: false });
  return { store, memory: createMemory(store, { clock, ids: seqIds("01FSNAP") }) };
}

/** A deploy of `count` ConfigMaps (about 200 bytes each in the snapshot). */
function bigRecord(service: string, count: number) {
  const resources = Array.from({ length: count }, (_, i) => ({
    key: `ConfigMap/prod/${service}-${i}`,
    apiVersion: "v1",
    kind: "ConfigMap",
    name: `${service}-${i}`,
    namespace: "prod",
    action: "created" as const,
    uid: `uid-${service}-${i}`,
    resourceVersion: String(i),
  }));
  return buildRecord({ service, resources, images: [] });
}

/** The log offset in the snapshot's first member (read without parsing all of it). */
async function snapshotOffset(dir: string): Promise<number> {
  using file = await Deno.open(`${dir}/graph.json`);
  const head = new Uint8Array(512);
  const n = (await file.read(head)) ?? 0;
  return Number(/"offset":(\d+)/.exec(new TextDecoder().decode(head.subarray(0, n)))![1]);
}
const logSize = async (dir: string) => (await Deno.stat(`${dir}/occurrences.ndjson`)).size;
const indexOffset = async (dir: string) =>
  JSON.parse((await Deno.readTextFile(`${dir}/context-index.ndjson`)).split("\n")[0]!)
    .occurrences.offset as number;

Deno.test("a big snapshot is rewritten once the log grew by a sixteenth of it, the index always", async () => {
  const root = await Deno.makeTempDir();
  const dir = `${root}/.nopea`;
  try {
    const { memory } = open(dir);
    await memory.record(bigRecord("big", 5_500));
    const big = (await Deno.stat(`${dir}/graph.json`)).size;
    ok(big > 1 << 20, `snapshot of ${big} bytes`);
    equal(await snapshotOffset(dir), await logSize(dir));
    const written = await snapshotOffset(dir);
    let records = 1;
    while (await snapshotOffset(dir) === written) {
      await memory.record(bigRecord("small", 150));
      records++;
      equal(await indexOffset(dir), await logSize(dir), "the index stands at the end of the log");
      const lag = (await logSize(dir)) - written;
      if (await snapshotOffset(dir) === written) ok(lag * 16 < big, `lag ${lag} of ${big}`);
    }
    equal(await snapshotOffset(dir), await logSize(dir));
    ok(records > 2, "records without a rewrite in between");

    await memory.record(bigRecord("small", 150));
    const fresh = open(dir);
    deepEqual(await fresh.memory.history("small"), await memory.history("small"));
    deepEqual(await fresh.memory.stats(), await memory.stats());
    deepEqual(
      await fresh.memory.context("small", "prod"),
      await open(dir).memory.context("small", "prod"),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
