import { deepEqual } from "node:assert/strict";
import {
  emptyGraph,
  graphFromJson,
  graphToJson,
  incomingAt,
  type MemoryGraph,
  outgoingAt,
  pruneGraph,
  type Relation,
  RELATIONSHIP_DEATH,
  upsertNode,
  upsertRelationship,
  weightAt,
} from "../../../src/memory/graph/mod.ts";
import { at, HOUR } from "./_graph.ts";

const RELATIONS: Relation[] = ["depends_on", "runs_image", "deployed_to"];

/** 12 services over 60 hours: each depends on two others and runs a new image every hour. */
function grown(): MemoryGraph {
  const g = emptyGraph();
  for (let h = 0; h < 60; h++) {
    const svc = upsertNode(g, "service", `svc-${h % 12}`, 0.9, at(h));
    for (const d of [1, 5]) {
      const dep = upsertNode(g, "service", `svc-${(h + d) % 12}`, 0.5, at(h));
      upsertRelationship(g, { source: svc, relation: "depends_on", target: dep }, 0.9, at(h));
    }
    const image = upsertNode(g, "image", `registry/svc:${h}`, 0.5, at(h));
    upsertRelationship(g, { source: svc, relation: "runs_image", target: image }, 0.9, at(h));
    const ns = upsertNode(g, "namespace", h % 2 ? "prod" : "staging", 0.5, at(h));
    upsertRelationship(g, { source: svc, relation: "deployed_to", target: ns }, 0.9, at(h));
  }
  return g;
}

const keys = (rels: { source: string; relation: string; target: string }[]) =>
  rels.map((r) => `${r.source}|${r.relation}|${r.target}`).sort();

function scan(
  g: MemoryGraph,
  id: string,
  now: number,
  relation: Relation,
  end: "source" | "target",
) {
  return keys(
    [...g.relationships.values()].filter((r) =>
      r[end] === id && r.relation === relation && weightAt(r, now) >= RELATIONSHIP_DEATH
    ),
  );
}

Deno.test("the edge indexes find what a scan of every relationship finds", async (t) => {
  const cases = [
    { name: "as grown", graph: grown, now: 60 * HOUR },
    { name: "read 150 hours later", graph: grown, now: 210 * HOUR },
    {
      name: "after pruning",
      graph: () => {
        const g = grown();
        pruneGraph(g, 140 * HOUR);
        return g;
      },
      now: 140 * HOUR,
    },
    {
      name: "after a JSON round trip",
      graph: () => graphFromJson(graphToJson(grown())),
      now: 70 * HOUR,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const g = c.graph();
      for (const id of g.nodes.keys()) {
        for (const relation of RELATIONS) {
          deepEqual(
            keys(incomingAt(g, id, c.now, relation)),
            scan(g, id, c.now, relation, "target"),
          );
          deepEqual(
            keys(outgoingAt(g, id, c.now, relation)),
            scan(g, id, c.now, relation, "source"),
          );
        }
      }
    });
  }
});
