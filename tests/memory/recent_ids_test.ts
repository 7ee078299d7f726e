import { deepEqual, equal } from "node:assert/strict";
import { remember } from "../../src/memory/ingest.ts";
import { idBucket } from "../../src/memory/_recent_ids.ts";
import { emptyState, type MemoryState } from "../../src/memory/state.ts";
import type { DeployRecord, DeployStatus } from "../../src/deploys/mod.ts";
import { buildRecord } from "./_factory.ts";

/** Ids that share a bucket (same last four characters), short ones, and an empty one. */
const POOL = ["A-0001", "B-0001", "CC-0001", "x", "xy", "xyz", "", "01JZ9", "01JZ8", "é-ü€"];
const STATUSES: DeployStatus[] = ["completed", "failed", "progressing", "rolledback", "refused"];

/** A seeded sequence of records over three services, ids drawn from `POOL` and fresh ones. */
function records(n: number, seed: number): DeployRecord[] {
  let x = seed;
  const next = (m: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % m;
  return Array.from({ length: n }, (_, i) =>
    buildRecord({
      deployId: next(3) === 0 ? `fresh-${i}` : POOL[next(POOL.length)] as string,
      service: `svc-${next(3)}`,
      status: STATUSES[next(STATUSES.length)] as DeployStatus,
    }));
}

/** What `remember` keeps of a history, found with `findIndex` as it was before the buckets. */
function reference(all: DeployRecord[], limit: number) {
  const services = new Map<
    string,
    { recent: DeployRecord[]; deploys: number; byStatus: number[] }
  >();
  for (const r of all) {
    let s = services.get(r.service);
    if (!s) {
      services.set(
        r.service,
        s = {
          recent: [],
          deploys: 0,
          byStatus: STATUSES.map(() => 0),
        },
      );
    }
    const prev = s.recent.findIndex((x) => x.deployId === r.deployId);
    if (prev >= 0) {
      const was = STATUSES.indexOf((s.recent[prev] as DeployRecord).status);
      s.byStatus[was] = (s.byStatus[was] ?? 0) - 1;
      s.recent.splice(prev, 1);
    } else s.deploys++;
    const now = STATUSES.indexOf(r.status);
    s.byStatus[now] = (s.byStatus[now] ?? 0) + 1;
    s.recent.push(r);
    while (s.recent.length > limit) s.recent.shift();
  }
  return new Map(
    [...services].map(([name, s]) => [name, { ...s, recent: s.recent.map((r) => r.deployId) }]),
  );
}

function kept(state: Pick<MemoryState, "services">) {
  return new Map(
    [...state.services].map(([name, s]) => [name, {
      recent: s.recent.map((r) => r.deployId),
      deploys: s.deploys,
      byStatus: STATUSES.map((status) => s.byStatus[status]),
    }]),
  );
}

Deno.test("remember() finds a repeated deploy id in the history exactly as a search of it would", () => {
  for (const [seed, limit] of [[1, 4], [7, 1], [42, 12]] as const) {
    const all = records(3_000, seed);
    const state = emptyState();
    for (const [i, r] of all.entries()) remember(state, r, i * 60_000, { historyLimit: limit });
    const want = reference(all, limit);
    deepEqual(kept(state), want, `seed ${seed}, history of ${limit}`);
  }
});

Deno.test("remember() on a history it did not build (a loaded state) counts its ids first", () => {
  const all = records(2_000, 3);
  const straight = emptyState();
  const loaded = emptyState();
  all.forEach((r, i) => remember(straight, r, i, { historyLimit: 6 }));
  all.slice(0, 1_000).forEach((r, i) => remember(loaded, r, i, { historyLimit: 6 }));
  // A state read back from a snapshot: the same histories in new objects.
  const reread = { services: structuredClone(loaded.services), evicted: new Set<string>() };
  all.slice(1_000).forEach((r, i) => remember(reread, r, 1_000 + i, { historyLimit: 6 }));
  deepEqual(kept(reread), kept(straight));
});

Deno.test("idBucket() puts ids with the same last four characters together, whatever their length", () => {
  equal(idBucket("A-0001"), idBucket("LONGER-PREFIX-0001"));
  equal(idBucket(""), idBucket(""));
  equal(idBucket("x"), idBucket("x"));
  const buckets = new Set(Array.from({ length: 50 }, (_, k) => idBucket(`01BENCH${k * 50 + 7}`)));
  equal(buckets.size > 35, true, `50 ids of one service spread over ${buckets.size} buckets`);
});
