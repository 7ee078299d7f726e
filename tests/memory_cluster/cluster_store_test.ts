import { deepEqual, equal, ok } from "node:assert/strict";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { ClusterOccurrenceStore } from "../../src/memory_cluster/mod.ts";
import { chunkObject, packChunks } from "../../src/memory_cluster/chunks.ts";
import type { Occurrence } from "../../src/occurrences/mod.ts";
import { startHttpSandbox } from "../../src/testing/mod.ts";
import { configMapManifest, machine, scratch } from "./_machines.ts";
import { clusterWith } from "../_cluster_with.ts";

/** Text that does not compress: random bytes as hex. */
function noise(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(Math.ceil(bytes / 2)));
  return [...random].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function occurrence(id: string, service: string, day: number, padding = 0): Occurrence {
  return {
    id,
    timestamp: new Date(Date.UTC(2026, 0, 1 + day)).toISOString(),
    "protocol_version": "1.0",
    source: "nopea",
    type: "deploy.run.completed",
    severity: "info",
    outcome: "success",
    context: {},
    data: { record: { service }, padding: padding ? noise(padding) : "" },
  };
}

async function chunkSizes(h: { cluster: import("../../src/kube/mod.ts").ClusterPort }) {
  const items = await h.cluster.list("v1", "ConfigMap", {
    namespace: "nopea-system",
    labelSelector: "nopea.dev/memory=chunk",
  });
  return items.map((c) => JSON.stringify(c).length);
}

Deno.test("concurrent writers never overwrite each other's chunks", async () => {
  await using h = await startHttpSandbox();
  const writers = Array.from({ length: 4 }, () => new ClusterOccurrenceStore(h.cluster));
  await Promise.all(
    writers.flatMap((w, i) =>
      Array.from({ length: 5 }, (_, j) => w.write([occurrence(`w${i}-${j}`, "web", j)]))
    ),
  );
  const ids = (await writers[0]!.all()).map((o) => o.id).sort();
  equal(ids.length, 20);
  equal((await writers[0]!.stats()).chunks, 20);
});

Deno.test("a write larger than one chunk is split; every chunk stays under 1 MiB", async () => {
  await using h = await startHttpSandbox();
  const store = new ClusterOccurrenceStore(h.cluster);
  const big = Array.from({ length: 30 }, (_, i) => occurrence(`big-${i}`, "web", 0, 60_000));
  await store.write(big);
  const sizes = await chunkSizes(h);
  ok(sizes.length >= 2, `${sizes.length} chunks`);
  for (const size of sizes) ok(size < 1024 * 1024, `chunk of ${size} bytes`);
  equal((await store.all()).length, 30);
});

Deno.test("compaction applies the file store's retention and merges chunks into one", async () => {
  await using h = await startHttpSandbox();
  const store = new ClusterOccurrenceStore(h.cluster);
  for (let day = 0; day < 6; day++) await store.write([occurrence(`web-${day}`, "web", day)]);
  await store.write([occurrence("old-api", "api", -60)]);
  const dry = await store.compact({ keepPerService: 3, dryRun: true });
  deepEqual([dry.chunksBefore, dry.occurrences, dry.occurrencesKept], [7, 4, 3]);
  equal((await store.stats()).chunks, 7);
  const report = await store.compact({ keepPerService: 3 });
  deepEqual([report.occurrences, report.chunksAfter], [4, 1]);
  deepEqual((await store.all()).map((o) => o.id), ["web-3", "web-4", "web-5"]);
});

Deno.test("a reader past compacted chunks still gets what was written after, once", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  const two = machine(h, tmp.dir("b"), "b");
  for (let d = 0; d < 3; d++) {
    await one.engine.deploy({ service: "web", manifests: configMapManifest("web", String(d)) });
  }
  deepEqual(await two.store.sync(), { pulled: 3, pushed: 0 });
  await one.store.remote.compact({});
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "9") });
  deepEqual(await two.store.sync(), { pulled: 1, pushed: 0 });
  equal((await two.engine.history({ service: "web" })).length, 4);
  equal((await one.store.syncStats()).cluster.chunks, 2);
});

Deno.test("pushes compact the cluster store once it holds many chunks", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a", h.cluster, 4);
  for (let d = 0; d < 6; d++) {
    await one.engine.deploy({ service: "web", manifests: configMapManifest("web", String(d)) });
  }
  const stats = await one.store.syncStats();
  ok(stats.cluster.chunks < 4, `${stats.cluster.chunks} chunks`);
  equal(stats.cluster.occurrences, 6);
});

Deno.test("compaction deletes the manifest sets no kept deploy names, once they are old", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  for (let d = 0; d < 3; d++) {
    await one.engine.deploy({ service: "web", manifests: configMapManifest("web", String(d)) });
  }
  h.advance(20 * 60_000);
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "new") });
  const sets = () =>
    h.cluster.list("v1", "ConfigMap", {
      namespace: "nopea-system",
      labelSelector: "nopea.dev/memory=manifests",
    });
  equal((await sets()).length, 4);
  await one.store.remote.compact({ keepPerService: 1 });
  equal((await sets()).length, 1);
  equal((await one.store.syncStats()).cluster.occurrences, 1);
});

Deno.test("a chunk past the head (its writer died before moving it) is still read", async () => {
  await using h = await startHttpSandbox();
  const store = new ClusterOccurrenceStore(h.cluster);
  await store.write([occurrence("first", "web", 0)]);
  const read = await store.readSince(1);
  const orphan = chunkObject(
    "nopea-system",
    read.cursor,
    packChunks([
      JSON.stringify(occurrence("orphan", "web", 1)),
    ])[0]!,
  );
  await h.cluster.apply(orphan, { fieldManager: "dead-writer" });
  const next = await store.readSince(read.cursor, read.headUid);
  deepEqual(next.occurrences.map((o) => o.id), ["orphan"]);
  await store.write([occurrence("after", "web", 2)]);
  deepEqual((await store.all()).map((o) => o.id), ["first", "orphan", "after"]);
});

/** `cluster`, answering the first read of the head with an old one (a writer that stalled). */
function staleHeadOnce(cluster: ClusterPort, seq: number): ClusterPort {
  let stale = true;
  return clusterWith(cluster, {
    get: async (key) => {
      const live = await cluster.get(key);
      if (!stale || key.name !== "nopea-memory-head" || !live) return live;
      stale = false;
      return { ...live, data: { seq: String(seq), floor: "0" } };
    },
  });
}

Deno.test("a writer with an old head that lands on a compacted number writes again above", async () => {
  await using h = await startHttpSandbox();
  const store = new ClusterOccurrenceStore(h.cluster);
  for (let day = 0; day < 3; day++) await store.write([occurrence(`web-${day}`, "web", day)]);
  const reader = await store.readSince(1);
  await store.compact({});
  const caughtUp = await store.readSince(reader.cursor, reader.headUid);
  // The stalled writer creates chunk 2 (deleted by the compaction): no reader would look there.
  await new ClusterOccurrenceStore(staleHeadOnce(h.cluster, 1)).write([
    occurrence("late", "web", 4),
  ]);
  const after = await store.readSince(caughtUp.cursor, caughtUp.headUid);
  deepEqual(after.occurrences.map((o) => o.id), ["late"]);
});
