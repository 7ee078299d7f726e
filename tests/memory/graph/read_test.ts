import { deepEqual, equal, ok } from "node:assert/strict";
import {
  emptyGraph,
  nodeId,
  pruneGraph,
  upsertNode,
  upsertRelationship,
} from "../../../src/memory/graph/mod.ts";

import { at, failWith, HOUR } from "./_graph.ts";

Deno.test("pruneGraph() removes decayed relationships and orphan nodes", async (t) => {
  const cases = [
    { name: "nothing after an hour", hours: 1, relationships: 0, nodes: 0 },
    {
      name: "the relationship (< 0.05) after 5 days, not yet its nodes",
      hours: 120,
      relationships: 1,
      nodes: 0,
    },
    {
      name: "relationship and both nodes (< 0.01) after 9 days",
      hours: 216,
      relationships: 1,
      nodes: 2,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const g = emptyGraph();
      failWith(g, 0);
      deepEqual(pruneGraph(g, c.hours * HOUR), { relationships: c.relationships, nodes: c.nodes });
      equal(g.relationships.size, 1 - c.relationships);
      equal(g.nodes.size, 2 - c.nodes);
    });
  }
  await t.step("a low node that is still an endpoint of a live relationship is kept", () => {
    const g = emptyGraph();
    failWith(g, 0);
    const svc = upsertNode(g, "service", "api", 0.9, at(300));
    const ns = upsertNode(g, "namespace", "prod", 0.5, at(300));
    upsertRelationship(g, { source: svc, relation: "deployed_to", target: ns }, 0.9, at(300));
    pruneGraph(g, 300 * HOUR);
    ok(g.nodes.has(svc.id));
    equal(g.nodes.has(nodeId("error", "timeout")), false);
  });
});
