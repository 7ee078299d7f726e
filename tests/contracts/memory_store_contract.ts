/** memoryStoreContract(): the behaviour every MemoryStore implementation must share. */
import { deepEqual, equal, match } from "node:assert/strict";
import type { MemoryStore, StateOptions } from "../../src/memory/mod.ts";
import { manifestSetHash } from "../../src/memory/mod.ts";
import { maskForStore } from "../../src/secrets/mod.ts";
import { buildOccurrence, type DeployOccurrence } from "../../src/occurrences/mod.ts";
import { graphAt, nodeId } from "../../src/memory/graph/mod.ts";
import { applyOccurrence } from "../../src/memory/replay.ts";
import { emptyState } from "../../src/memory/state.ts";
import { buildRecord, failedRecord, hoursAfter, manifestsWithSecret } from "../memory/_factory.ts";

/** A store under test and how to dispose of it. */
export interface StoreUnderTest {
  store: MemoryStore;
  [Symbol.asyncDispose](): Promise<void>;
}

let seq = 0;
function occurrenceOf(record = buildRecord()): DeployOccurrence {
  return buildOccurrence(record, undefined, { id: `01CONTRACT${String(++seq).padStart(16, "0")}` });
}

/** Registers the contract tests for one implementation. */
export function memoryStoreContract(
  name: string,
  make: (options: StateOptions) => Promise<StoreUnderTest>,
): void {
  Deno.test(`${name}: an empty store has no state and no occurrences`, async () => {
    await using s = await make({});
    equal((await s.store.load()).occurrences, 0);
    deepEqual(await s.store.occurrences(), []);
    equal(await s.store.manifests("0".repeat(64)), undefined);
    equal(await s.store.manifests("../../etc/passwd"), undefined);
  });

  Deno.test(`${name}: record() appends in order and load() learns from it`, async () => {
    await using s = await make({});
    const occs = [
      occurrenceOf(failedRecord("Timeout")),
      occurrenceOf(buildRecord({ service: "db" })),
    ];
    for (const o of occs) await s.store.record(o);
    deepEqual((await s.store.occurrences()).map((o) => o.id), occs.map((o) => o.id));
    const state = await s.store.load();
    equal(state.occurrences, 2);
    deepEqual([...state.services.keys()].sort(), ["api", "db"]);
  });

  Deno.test(`${name}: the state equals a fresh replay of its occurrences`, async () => {
    await using s = await make({});
    for (let i = 0; i < 12; i++) {
      const r = i % 3
        ? buildRecord({ finishedAt: hoursAfter(i) })
        : failedRecord("Forbidden", { finishedAt: hoursAfter(i) });
      await s.store.record(occurrenceOf(r));
    }
    const fresh = emptyState();
    for (const o of await s.store.occurrences()) applyOccurrence(fresh, o, "replay");
    const state = await s.store.load();
    deepEqual(graphAt(state.graph, state.clock), graphAt(fresh.graph, fresh.clock));
    deepEqual(state.services, fresh.services);
  });

  Deno.test(`${name}: manifest sets are stored by hash and survive as long as they are kept`, async () => {
    await using s = await make({ retention: 1 });
    const hashes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const objects = maskForStore(manifestsWithSecret());
      (objects[0] as Record<string, unknown>)["spec"] = { replicas: i };
      const hash = manifestSetHash(objects);
      hashes.push(hash);
      await s.store.record(occurrenceOf(buildRecord({ manifestsHash: hash })), { hash, objects });
    }
    match(hashes[2] ?? "", /^[0-9a-f]{64}$/);
    equal((await s.store.manifests(hashes[2] ?? ""))?.length, 2);
    // A store may compact on its own while recording; after compact() only the kept set is left.
    await s.store.compact();
    equal(await s.store.manifests(hashes[0] ?? ""), undefined);
    equal(await s.store.manifests(hashes[1] ?? ""), undefined);
    equal((await s.store.manifests(hashes[2] ?? ""))?.[1]?.kind, "Secret");
  });

  Deno.test(`${name}: compact() prunes what has decayed by the log's own clock`, async () => {
    await using s = await make({});
    await s.store.record(occurrenceOf(failedRecord("Timeout", { finishedAt: hoursAfter(0) })));
    await s.store.record(
      occurrenceOf(
        buildRecord({ service: "web", images: [], resources: [], finishedAt: hoursAfter(400) }),
      ),
    );
    await s.store.compact();
    const state = await s.store.load();
    equal(state.occurrences, 2);
    equal([...state.graph.relationships.values()].filter((r) => r.sourceName === "api").length, 0);
    equal(state.graph.nodes.has(nodeId("error", "timeout")), false);
    equal((await s.store.compact()).relationships, 0);
  });
}
