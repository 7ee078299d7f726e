import { deepEqual, equal, ok } from "node:assert/strict";
import { fixedClock, memoryLogger } from "../../src/shared/mod.ts";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import { contextOf } from "../../src/memory/context.ts";
import { buildOccurrence, type DeployOccurrence } from "../../src/occurrences/mod.ts";
import { failedRecord } from "./_factory.ts";
import { historyLines } from "./_history.ts";

const clock = fixedClock("2026-01-05T00:00:00Z");
const SERVICES = ["api", "web", "worker", "db", "cache", "payments", "unknown"];

async function tmp() {
  const root = await Deno.makeTempDir({ prefix: "nopea-ctx-index-" });
  return {
    dir: `${root}/.nopea`,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}

function store(dir: string) {
  return new FileMemoryStore(dir, { clock, durable: false, compactEvery: 0, log: memoryLogger() });
}

/** A store holding a varied history, its snapshot and context index written by the last record. */
async function recorded(dir: string): Promise<void> {
  const occurrences = historyLines(400).filter((l) => l !== "").map((l) => JSON.parse(l));
  await store(dir).recordAll(occurrences as DeployOccurrence[]);
}

/** The context a fresh process gets, and the one the whole state gives. */
async function bothContexts(dir: string, service: string) {
  const fresh = await createMemory(store(dir), { clock }).context(service, "prod");
  const whole = contextOf(await store(dir).load(), service, "prod", { now: clock.now() });
  return { fresh, whole };
}

Deno.test("context from the context index is the context of the whole state, for every service", async () => {
  await using t = await tmp();
  await recorded(t.dir);
  for (const service of SERVICES) {
    const { fresh, whole } = await bothContexts(t.dir, service);
    deepEqual(fresh, whole, service);
  }
  const partial = await store(t.dir).loadContext("api");
  const full = await store(t.dir).load();
  ok(partial.graph.relationships.size < full.graph.relationships.size, "read from the index");
  ok((await bothContexts(t.dir, "api")).fresh.dependents.length > 0);
  ok((await bothContexts(t.dir, "payments")).fresh.dependents.length > 0);
});

Deno.test("an index behind the log is not used: context sees a deploy appended since", async () => {
  await using t = await tmp();
  await recorded(t.dir);
  const late = failedRecord("OOMKilled", { service: "api", finishedAt: "2026-01-04T23:00:00Z" });
  const line = JSON.stringify(
    buildOccurrence(late, undefined, { id: "01LATE0000000000000000000" }),
  );
  await Deno.writeTextFile(`${t.dir}/occurrences.ndjson`, `${line}\n`, { append: true });
  const { fresh, whole } = await bothContexts(t.dir, "api");
  equal(fresh.recentDeploys[0]?.deployId, late.deployId);
  deepEqual(fresh, whole);
});

Deno.test("a missing, corrupt or foreign context index: context comes from the whole state", async (t) => {
  const cases = [
    { name: "missing (written by an older Nopea)", text: undefined },
    { name: "not JSON", text: "{oops\n" },
    { name: "another version", text: '{"version":99,"occurrences":{"offset":0},"clock":0}\n' },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using dir = await tmp();
      await recorded(dir.dir);
      const index = `${dir.dir}/context-index.ndjson`;
      if (c.text === undefined) await Deno.remove(index);
      else await Deno.writeTextFile(index, c.text);
      const { fresh, whole } = await bothContexts(dir.dir, "web");
      ok(fresh.known);
      deepEqual(fresh, whole);
    });
  }
});

Deno.test("the next record writes the context index again", async () => {
  await using t = await tmp();
  await recorded(t.dir);
  await Deno.remove(`${t.dir}/context-index.ndjson`);
  const next = failedRecord("Timeout", { service: "web", finishedAt: "2026-01-04T23:30:00Z" });
  await store(t.dir).record(buildOccurrence(next, undefined, { id: "01NEXT0000000000000000000" }));
  const text = await Deno.readTextFile(`${t.dir}/context-index.ndjson`);
  ok(text.includes(next.deployId));
  const { fresh, whole } = await bothContexts(t.dir, "web");
  deepEqual(fresh, whole);
});
