import { deepEqual, equal } from "node:assert/strict";
import { fixedClock, seqIds } from "../../src/shared/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { buildRecord, failedRecord, hoursAfter } from "./_factory.ts";

async function seeded() {
  const memory = createMemory(new InMemoryMemoryStore(), {
    clock: fixedClock(hoursAfter(10)),
    ids: seqIds(),
  });
  for (let h = 0; h < 6; h++) {
    const id = `01JHIST00000000000000000${String(h).padStart(2, "0")}`;
    await memory.record(
      h % 2
        ? failedRecord("Timeout", { deployId: id, finishedAt: hoursAfter(h) })
        : buildRecord({ deployId: id, finishedAt: hoursAfter(h) }),
    );
  }
  await memory.record(buildRecord({ service: "db", namespace: "data", finishedAt: hoursAfter(6) }));
  return memory;
}

Deno.test("history() returns deploys newest first, filtered by limit, since and status", async (t) => {
  const memory = await seeded();
  const ids = (rs: { deployId: string }[]) => rs.map((r) => r.deployId.slice(-2));
  const cases = [
    { name: "default", options: undefined, expected: ["05", "04", "03", "02", "01", "00"] },
    { name: "limit 2", options: { limit: 2 }, expected: ["05", "04"] },
    { name: "since hour 3", options: { since: hoursAfter(3) }, expected: ["05", "04", "03"] },
    { name: "failed only", options: { status: "failed" as const }, expected: ["05", "03", "01"] },
    {
      name: "completed since hour 1, limit 1",
      options: { status: "completed" as const, since: hoursAfter(1), limit: 1 },
      expected: ["04"],
    },
  ];
  for (const c of cases) {
    await t.step(
      c.name,
      async () => deepEqual(ids(await memory.history("api", c.options)), c.expected),
    );
  }
  await t.step(
    "an unknown service has no history",
    async () => deepEqual(await memory.history("ghost"), []),
  );
});

Deno.test("services() lists every service by name with its last deploy", async () => {
  const services = await (await seeded()).services();
  deepEqual(
    services.map((
      s,
    ) => [s.service, s.deploys, s.lastDeploy?.status, s.failurePatterns, s.namespaces]),
    [
      ["api", 6, "failed", 1, ["prod"]],
      ["db", 1, "completed", 0, ["data"]],
    ],
  );
  equal(services[0]?.changeFailureRate, 0.5);
});

Deno.test("stats() counts occurrences, deploys, services and the live graph", async () => {
  const stats = await (await seeded()).stats();
  equal(stats.occurrences, 7);
  equal(stats.deploys, 7);
  deepEqual(stats.byStatus, {
    completed: 4,
    failed: 3,
    rolledback: 0,
    progressing: 0,
    refused: 0,
  });
  equal(stats.services, 2);
  equal(stats.lastDeployAt, hoursAfter(6));
  equal(stats.nodes, 8);
  equal(stats.relationships, 9);
});
