import { deepEqual, equal } from "node:assert/strict";
import {
  emptyGraph,
  graphAt,
  graphFromJson,
  graphToJson,
  type MemoryGraph,
  upsertNode,
  upsertRelationship,
} from "../../../src/memory/graph/mod.ts";

const HOUR = 3_600_000;
const at = (hours: number, id = `01SEEN${hours}`) => ({ id, time: hours * HOUR });

function failWith(g: MemoryGraph, hours: number, evidence = `at ${hours}`) {
  const svc = upsertNode(g, "service", "api", 0.8, at(hours));
  const err = upsertNode(g, "error", "Timeout", 0.8, at(hours));
  return upsertRelationship(
    g,
    { source: svc, relation: "failed_with", target: err },
    0.8,
    at(hours),
    evidence,
  );
}

Deno.test("graphAt() shows decayed weights without the dead and graphToJson() round-trips", () => {
  const g = emptyGraph();
  failWith(g, 0);
  const now = graphAt(g, 24 * HOUR);
  equal(now.relationships[0]?.weight.toFixed(6), (0.5 * 0.98 ** 24).toFixed(6));
  equal(now.relationships[0]?.source_name, "api");
  equal(now.relationships[0]?.target_name, "timeout");
  deepEqual(graphAt(g, 300 * HOUR), { nodes: [], relationships: [] });
  deepEqual(graphToJson(graphFromJson(graphToJson(g))), graphToJson(g));
  equal(g.relationships.size, 1);
});
