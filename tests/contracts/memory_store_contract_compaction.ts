/** memoryStoreCompactionContract(): compaction, batch records and the writable check, for every MemoryStore. */
import { deepEqual, equal, ok } from "node:assert/strict";
import type { MemoryStore, StateOptions } from "../../src/memory/mod.ts";
import { InMemoryMemoryStore, manifestSetHash } from "../../src/memory/mod.ts";
import { buildOccurrence, type DeployOccurrence } from "../../src/occurrences/mod.ts";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { maskForStore } from "../../src/secrets/mod.ts";
import { buildRecord, failedRecord, hoursAfter, manifestsWithSecret } from "../memory/_factory.ts";
import { comparable } from "../memory/_subprocess.ts";
import type { StoreUnderTest } from "./memory_store_contract.ts";

let seq = 0;
function occurrenceOf(record: DeployRecord): DeployOccurrence {
  return buildOccurrence(record, undefined, { id: `01COMPACT${String(++seq).padStart(17, "0")}` });
}

/** `n` deploys of `service`, one every `hours` hours from hour `from`. */
function deploys(service: string, n: number, hours = 1, from = 0): DeployOccurrence[] {
  return Array.from({ length: n }, (_, i) => {
    const at = { service, finishedAt: hoursAfter(from + i * hours) };
    return occurrenceOf(i % 4 === 3 ? failedRecord("Timeout", at) : buildRecord(at));
  });
}

async function recordEach(store: MemoryStore, occurrences: readonly DeployOccurrence[]) {
  for (const o of occurrences) await store.record(o);
}

const ids = async (store: MemoryStore) => (await store.occurrences()).map((o) => o.id);

/** Registers the compaction contract tests for one implementation. */
export function memoryStoreCompactionContract(
  name: string,
  make: (options: StateOptions) => Promise<StoreUnderTest>,
): void {
  Deno.test(`${name}: checkWritable() resolves on a store that can record`, async () => {
    await using s = await make({});
    await s.store.checkWritable();
    await s.store.record(occurrenceOf(buildRecord()));
    await s.store.checkWritable();
  });

  Deno.test(`${name}: recordAll() appends in order and learns like record()`, async () => {
    await using a = await make({});
    await using b = await make({});
    const occs = [...deploys("api", 5), ...deploys("web", 3, 2, 1)];
    await a.store.recordAll(occs);
    await recordEach(b.store, occs);
    deepEqual(await ids(a.store), occs.map((o) => o.id));
    deepEqual(comparable(await a.store.load()), comparable(await b.store.load()));
  });

  Deno.test(`${name}: compact() keeps the newest per service and what history holds, and forgets nothing learned`, async (t) => {
    const cases = [
      { name: "the newest 5 per service", options: { keepPerService: 5 }, api: 5 },
      { name: "the last 3 days", options: { keepDays: 3 }, api: 4 },
      { name: "nothing older than the last deploy, but history", options: { keepDays: 0 }, api: 2 },
      { name: "one per service, but history", options: { keepPerService: 1 }, api: 2 },
    ];
    for (const c of cases) {
      await t.step(c.name, async () => {
        await using s = await make({ historyLimit: 2 });
        const api = deploys("api", 10, 24);
        const web = deploys("web", 2, 24, 190);
        await recordEach(s.store, [...api, ...web]);
        const before = comparable(await s.store.load());
        const report = await s.store.compact(c.options);
        equal(report.occurrences, 10 - c.api);
        equal(report.occurrencesKept, c.api + 2);
        equal(report.dryRun, false);
        deepEqual(await ids(s.store), [...api.slice(-c.api), ...web].map((o) => o.id));
        deepEqual(comparable(await s.store.load()), before);
        equal((await s.store.load()).occurrences, 12);
      });
    }
  });

  Deno.test(`${name}: a dry run changes nothing and reports what compact() then removes`, async () => {
    await using s = await make({ retention: 1, historyLimit: 2 });
    for (let i = 0; i < 4; i++) {
      const objects = maskForStore(manifestsWithSecret());
      (objects[0] as Record<string, unknown>)["spec"] = { replicas: i };
      const hash = manifestSetHash(objects);
      const record = failedRecord("Timeout", { manifestsHash: hash, finishedAt: hoursAfter(i) });
      await s.store.record(occurrenceOf(record), { hash, objects });
    }
    await recordEach(s.store, deploys("web", 3, 1, 400));
    const before = { ids: await ids(s.store), state: comparable(await s.store.load()) };
    const dry = await s.store.compact({ dryRun: true, keepPerService: 1 });
    deepEqual({ ids: await ids(s.store), state: comparable(await s.store.load()) }, before);
    ok(dry.dryRun && dry.occurrences > 0 && dry.nodes > 0 && dry.relationships > 0);
    ok(dry.manifests > 0, "the manifest sets past retention would go");
    const real = await s.store.compact({ keepPerService: 1 });
    deepEqual(real, { ...dry, dryRun: false });
    deepEqual(await s.store.compact({ dryRun: true, keepPerService: 1 }), {
      nodes: 0,
      relationships: 0,
      manifests: 0,
      occurrences: 0,
      occurrencesKept: real.occurrencesKept,
      dryRun: true,
    });
  });

  Deno.test(`${name}: after compact() memory learns on as if nothing had been dropped`, async () => {
    await using s = await make({ historyLimit: 3 });
    const reference = new InMemoryMemoryStore({ historyLimit: 3 });
    const first = [...deploys("api", 20, 3), ...deploys("db", 6, 5, 2)];
    await recordEach(s.store, first);
    await recordEach(reference, first);
    await s.store.compact({ keepPerService: 2 });
    const later = [...deploys("api", 6, 1, 70), ...deploys("web", 2, 1, 71)];
    await recordEach(s.store, later);
    await recordEach(reference, later);
    deepEqual(comparable(await s.store.load()), comparable(await reference.load()));
    equal((await s.store.load()).occurrences, 34);
  });
}
