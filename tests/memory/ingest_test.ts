import { deepEqual, equal, ok } from "node:assert/strict";
import { ingestRecord } from "../../src/memory/ingest.ts";
import { emptyState, type MemoryState } from "../../src/memory/state.ts";
import { graphToJson, nodeId, outgoingAt } from "../../src/memory/graph/mod.ts";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { buildRecord, failedRecord, hoursAfter } from "./_factory.ts";

function replay(records: DeployRecord[], options = {}): MemoryState {
  const state = emptyState();
  records.forEach((r, i) => ingestRecord(state, r, `01OCC${String(i).padStart(21, "0")}`, options));
  return state;
}

function failedWith(state: MemoryState, now = state.clock) {
  return outgoingAt(state.graph, nodeId("service", "api"), now, "failed_with");
}

Deno.test("ingestRecord() reinforces failed_with with 0.8 per failure and weakens it by 0.5 per success", async (t) => {
  const cases = [
    { name: "one failure creates the pattern at 0.5", steps: ["f"], weight: 0.5, seen: 1 },
    { name: "two failures give 0.59", steps: ["f", "f"], weight: 0.59, seen: 2 },
    { name: "three failures give 0.653", steps: ["f", "f", "f"], weight: 0.653, seen: 3 },
    { name: "a success halves it", steps: ["f", "f", "c"], weight: 0.295, seen: 2 },
    { name: "two successes quarter it", steps: ["f", "f", "c", "c"], weight: 0.1475, seen: 2 },
    { name: "a rolled-back deploy does not reinforce", steps: ["f", "r"], weight: 0.5, seen: 1 },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const records = c.steps.map((s) =>
        s === "f"
          ? failedRecord("ImagePullBackOff")
          : s === "r"
          ? failedRecord("ImagePullBackOff", { status: "rolledback" })
          : buildRecord()
      );
      const [rel] = failedWith(replay(records));
      equal(Number(rel?.weight.toFixed(4)), c.weight);
      equal(rel?.observations, c.seen);
      equal(rel?.targetName, "imagepullbackoff");
    });
  }
});

Deno.test("ingestRecord() decays from the record times, so gaps between deploys count", () => {
  const state = replay([
    failedRecord("Timeout", { finishedAt: hoursAfter(0) }),
    failedRecord("Timeout", { finishedAt: hoursAfter(10) }),
  ]);
  const [rel] = failedWith(state);
  equal(rel?.weight.toFixed(6), (0.3 * 0.8 + 0.7 * 0.5 * 0.98 ** 10).toFixed(6));
});

Deno.test("ingestRecord() links the service to namespace, strategy, images, resources and dependencies", () => {
  const state = replay([buildRecord({ dependsOn: ["db", "api"], strategy: "canary" })]);
  const rels = outgoingAt(state.graph, nodeId("service", "api"), state.clock)
    .map((r) => `${r.relation} ${r.targetName}`).sort();
  deepEqual(rels, [
    "depends_on db",
    "deployed_to prod",
    "deployed_together Deployment.apps/prod/api",
    "runs_image registry.example/api:1.0",
    "used_strategy canary",
  ]);
  const kinds = [...state.graph.nodes.values()].map((n) => `${n.kind}:${n.name}`).sort();
  deepEqual(kinds, [
    "image:registry.example/api:1.0",
    "namespace:prod",
    "resource:Deployment.apps/prod/api",
    "service:api",
    "service:db",
    "strategy:canary",
  ]);
});

Deno.test("ingestRecord() links services whose deploys overlap in time", () => {
  const state = replay([
    buildRecord({ service: "db", startedAt: hoursAfter(0), finishedAt: hoursAfter(0.5) }),
    buildRecord({ service: "api", startedAt: hoursAfter(0.25), finishedAt: hoursAfter(1) }),
    buildRecord({ service: "web", startedAt: hoursAfter(2), finishedAt: hoursAfter(3) }),
  ]);
  const together = (svc: string) =>
    outgoingAt(state.graph, nodeId("service", svc), state.clock, "deployed_together")
      .filter((r) => r.targetName !== "Deployment.apps/prod/api").map((r) => r.targetName);
  deepEqual(together("api"), ["db"]);
  deepEqual(together("web"), []);
});

Deno.test("ingestRecord() keeps a bounded history and replaces a progressing deploy by its outcome", () => {
  const progressing = buildRecord({ status: "progressing", strategy: "canary" });
  const state = replay([
    ...Array.from({ length: 5 }, () => buildRecord()),
    progressing,
    { ...progressing, status: "completed", finishedAt: hoursAfter(1) },
  ], { historyLimit: 3 });
  const s = state.services.get("api")!;
  equal(s.deploys, 6);
  equal(s.recent.length, 3);
  equal(s.recent.at(-1)?.status, "completed");
  deepEqual(s.byStatus, { completed: 6, failed: 0, rolledback: 0, progressing: 0, refused: 0 });
  equal(state.occurrences, 7);
});

Deno.test("ingestRecord() keeps the last manifest sets per service and evicts older ones", () => {
  const hash = (i: number) => String(i).padStart(64, "0");
  const records = [1, 2, 3, 2, 4].map((i) => buildRecord({ manifestsHash: hash(i) }));
  records.push(buildRecord({ service: "web", manifestsHash: hash(1) }));
  const state = replay(records, { retention: 2 });
  deepEqual(state.services.get("api")?.manifests, [hash(2), hash(4)]);
  deepEqual([...state.evicted].sort(), [hash(3)]);
});

Deno.test("ingestRecord() is deterministic and the log clock never moves back", () => {
  const records = [
    failedRecord("Timeout", { finishedAt: hoursAfter(5) }),
    buildRecord({ finishedAt: hoursAfter(1) }),
    failedRecord("Forbidden", { finishedAt: hoursAfter(7) }),
  ];
  const a = replay(records);
  const b = replay(records);
  deepEqual(graphToJson(a.graph), graphToJson(b.graph));
  equal(a.clock, Date.parse(hoursAfter(7)));
  ok(a.services.get("api")?.days["2026-01-01"]);
});
