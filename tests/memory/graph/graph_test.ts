import { deepEqual, equal } from "node:assert/strict";
import {
  emptyGraph,
  EVIDENCE_KEPT,
  nodeId,
  outgoingAt,
  weakenRelationships,
} from "../../../src/memory/graph/mod.ts";

import { failWith } from "./_graph.ts";

Deno.test("upsertRelationship() creates at 0.5 and reinforces by EWMA", async (t) => {
  const g = emptyGraph();
  const expected = [0.5, 0.59, 0.653, 0.6971];
  for (const [i, weight] of expected.entries()) {
    await t.step(`observation ${i + 1} gives ${weight}`, () => {
      const rel = failWith(g, 0);
      equal(Number(rel.weight.toFixed(4)), weight);
      equal(rel.observations, i + 1);
    });
  }
});

Deno.test("upsertRelationship() keeps the last few evidence strings", () => {
  const g = emptyGraph();
  for (let i = 0; i < 8; i++) failWith(g, 0, `e${i}`);
  const rel = [...g.relationships.values()][0];
  deepEqual(rel?.evidence, ["e3", "e4", "e5", "e6", "e7"].slice(-EVIDENCE_KEPT));
});

Deno.test("upsertRelationship() decays before reinforcing, and restarts a dead relationship", async (t) => {
  await t.step("10 hours of decay, then an observation", () => {
    const g = emptyGraph();
    failWith(g, 0);
    const rel = failWith(g, 10);
    equal(rel.weight.toFixed(6), (0.3 * 0.8 + 0.7 * 0.5 * 0.98 ** 10).toFixed(6));
    equal(rel.observations, 2);
  });
  await t.step("after 200 hours the relationship is dead and starts over", () => {
    const g = emptyGraph();
    failWith(g, 0);
    const rel = failWith(g, 200);
    equal(rel.weight, 0.5);
    equal(rel.observations, 1);
    deepEqual(rel.evidence, ["at 200"]);
  });
});

Deno.test("weakenRelationships() multiplies one relation's decayed weights", () => {
  const g = emptyGraph();
  failWith(g, 0);
  const svc = nodeId("service", "api");
  equal(weakenRelationships(g, svc, "failed_with", 0.5, 0), 1);
  equal(weakenRelationships(g, svc, "depends_on", 0.5, 0), 0);
  equal(outgoingAt(g, svc, 0, "failed_with")[0]?.weight, 0.25);
});
