import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { fixedClock, isNopeaError, seqIds } from "../../src/shared/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import {
  buildRecord,
  failedRecord,
  hoursAfter,
  manifestsWithSecret,
  SECRET_PLAIN,
  SECRET_TOKEN,
} from "./_factory.ts";

function setup(options: { retention?: number } = {}) {
  const store = new InMemoryMemoryStore(options);
  return {
    store,
    memory: createMemory(store, { clock: fixedClock(hoursAfter(1)), ids: seqIds() }),
  };
}

Deno.test("record() returns the occurrence it appended, with the error class filled in", async () => {
  const { memory, store } = setup();
  const occ = await memory.record(failedRecord("ErrImagePull"));
  equal(occ.type, "deploy.run.failed");
  equal(occ.id, "01TEST00000000000000000001");
  equal(occ.data.record.error?.errorClass, "ErrImagePull");
  deepEqual(await store.occurrences(), [JSON.parse(JSON.stringify(occ))]);
});

Deno.test("record() stores manifests content-addressed with Secret values masked", async () => {
  const { memory } = setup();
  const occ = await memory.record(buildRecord(), { manifests: manifestsWithSecret() });
  const hash = occ.data.record.manifestsHash ?? "";
  match(hash, /^[0-9a-f]{64}$/);
  const stored = await memory.manifests(hash);
  equal(stored?.length, 2);
  const text = JSON.stringify(stored);
  for (const raw of [SECRET_PLAIN, btoa(SECRET_PLAIN), SECRET_TOKEN]) {
    equal(text.includes(raw), false);
  }
  equal(await memory.manifests("f".repeat(64)), undefined);
});

Deno.test("record() scrubs Secret values that leak into error messages and warnings", async () => {
  const { memory } = setup();
  const occ = await memory.record(
    failedRecord("Invalid", {
      error: { code: "KUBE_INVALID", message: `data[password]: Invalid value: "${SECRET_PLAIN}"` },
      warnings: [`token ${SECRET_TOKEN} looks short`],
    }),
    { manifests: manifestsWithSecret() },
  );
  const text = JSON.stringify(await memory.export());
  equal(text.includes(SECRET_PLAIN), false);
  equal(text.includes(SECRET_TOKEN), false);
  equal(occ.data.record.error?.errorClass, "Invalid");
});

Deno.test("export() and import() merge two logs by occurrence id", async () => {
  const a = setup();
  const b = createMemory(new InMemoryMemoryStore(), {
    clock: fixedClock(hoursAfter(1)),
    ids: seqIds("01OTHER"),
  });
  await a.memory.record(buildRecord({ service: "api" }));
  await b.record(buildRecord({ service: "db" }));
  const exported = await a.memory.export();
  equal(exported.format, "nopea-memory");
  equal(await b.import(exported), 1);
  equal(await b.import(exported), 0);
  equal(await b.import(exported.occurrences), 0);
  deepEqual((await b.services()).map((s) => s.service), ["api", "db"]);
});

Deno.test("import() rejects what is not an export", async (t) => {
  const { memory } = setup();
  const cases = [
    { name: "a string", data: "nope" },
    { name: "no occurrences", data: { format: "nopea-memory" } },
    { name: "a foreign occurrence", data: [{ id: "x", type: "ci.run.passed", data: {} }] },
    {
      name: "a malformed record",
      data: [{ id: "x", type: "deploy.run.completed", data: { record: { service: 1 } } }],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await rejects(
        memory.import(c.data),
        (e) => isNopeaError(e) && ["SPEC_INVALID", "MEMORY_CORRUPT"].includes(e.code),
      );
    });
  }
});

Deno.test("prune() deletes manifest sets past retention and decayed knowledge", async () => {
  const { memory } = setup({ retention: 2 });
  const hashes: string[] = [];
  for (let i = 0; i < 4; i++) {
    const manifests = manifestsWithSecret();
    (manifests[0] as Record<string, unknown>)["spec"] = { replicas: i };
    hashes.push(
      (await memory.record(buildRecord(), { manifests })).data.record.manifestsHash ?? "",
    );
  }
  const report = await memory.prune();
  equal(report.manifests, 2);
  equal(await memory.manifests(hashes[0] ?? ""), undefined);
  ok(await memory.manifests(hashes[3] ?? ""));
  const later = createMemory(new InMemoryMemoryStore(), {
    clock: fixedClock(hoursAfter(1)),
    ids: seqIds(),
  });
  await later.record(failedRecord("Timeout", { finishedAt: hoursAfter(0) }));
  await later.record(buildRecord({ service: "web", finishedAt: hoursAfter(300) }));
  // 300 hours later everything of "api" has decayed away; "web" re-touched the shared nodes.
  deepEqual(await later.prune(), {
    nodes: 2,
    relationships: 5,
    manifests: 0,
    occurrences: 0,
    occurrencesKept: 2,
    dryRun: false,
  });
});

Deno.test("graph() shows the live graph in KERTO's JSON shape", async () => {
  const { memory } = setup();
  await memory.record(failedRecord("Timeout"));
  const graph = await memory.graph();
  const rel = graph.relationships.find((r) => r.relation === "failed_with");
  equal(rel?.source_name, "api");
  equal(rel?.target_name, "timeout");
  equal(rel?.pinned, false);
  equal(graph.nodes.find((n) => n.kind === "service")?.summary, null);
});
