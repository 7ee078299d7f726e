/** The graph to and from KERTO's JSON shape (external-formats §2.7), raw or as seen at a time. */
import { putEdge } from "./_index.ts";
import { emptyGraph, relationshipKey } from "./graph.ts";
import { pruneGraph } from "./read.ts";
import type {
  GraphJson,
  GraphNode,
  GraphRelationship,
  MemoryGraph,
  NodeJson,
  RelationshipJson,
} from "./types.ts";
import { decayed } from "./weights.ts";

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A node in KERTO's JSON shape with the given relevance. */
export function nodeJson(n: GraphNode, relevance: number): NodeJson {
  return {
    id: n.id,
    name: n.name,
    kind: n.kind,
    relevance,
    observations: n.observations,
    first_seen: n.first.id,
    last_seen: n.last.id,
    first_seen_at: iso(n.first.time),
    last_seen_at: iso(n.last.time),
    touched_at: iso(n.touchedAt),
    pinned: false,
    summary: null,
  };
}

/**
 * A relationship in KERTO's JSON shape with the given weight.
 *
 * @example
 * ```ts
 * import { emptyGraph, relationshipJson, upsertNode, upsertRelationship } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const web = upsertNode(g, "service", "web", 0.9, seen);
 * const api = upsertNode(g, "service", "api", 0.5, seen);
 * const rel = upsertRelationship(g, { source: web, relation: "depends_on", target: api }, 0.9, seen);
 * equal(relationshipJson(rel, 0.4).weight, 0.4);
 * ```
 */
export function relationshipJson(r: GraphRelationship, weight: number): RelationshipJson {
  return {
    source: r.source,
    target: r.target,
    source_name: r.sourceName,
    target_name: r.targetName,
    relation: r.relation,
    weight,
    observations: r.observations,
    first_seen: r.first.id,
    last_seen: r.last.id,
    first_seen_at: iso(r.first.time),
    last_seen_at: iso(r.last.time),
    touched_at: iso(r.touchedAt),
    evidence: [...r.evidence],
    pinned: false,
  };
}

/**
 * The graph exactly as stored (weights as of their `touched_at`), in insertion order.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode } from "./graph.ts";
 * import { graphToJson } from "./serialize.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * upsertNode(g, "service", "api", 0.9, { id: "01A", time: 0 });
 * equal(graphToJson(g).nodes[0]?.name, "api");
 * ```
 */
export function graphToJson(graph: MemoryGraph): GraphJson {
  return {
    nodes: [...graph.nodes.values()].map((n) => nodeJson(n, n.relevance)),
    relationships: [...graph.relationships.values()].map((r) => relationshipJson(r, r.weight)),
  };
}

/**
 * The graph as it reads at `now`: decay applied, dead relationships and nodes left
 * out, nodes by relevance and relationships by weight (descending), ties by id.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode } from "./graph.ts";
 * import { graphAt } from "./serialize.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * upsertNode(g, "service", "api", 0.9, { id: "01A", time: 0 });
 * equal(graphAt(g, 3_600_000).nodes[0]?.relevance, 0.49);
 * equal(graphAt(g, 300 * 3_600_000).nodes.length, 0);
 * ```
 */
export function graphAt(graph: MemoryGraph, now: number): GraphJson {
  const copy = graphFromJson(graphToJson(graph));
  pruneGraph(copy, now);
  const nodes = [...copy.nodes.values()].map((n) =>
    nodeJson(n, decayed(n.relevance, n.touchedAt, now))
  );
  const relationships = [...copy.relationships.values()].map((r) =>
    relationshipJson(r, decayed(r.weight, r.touchedAt, now))
  );
  nodes.sort((a, b) => b.relevance - a.relevance || a.id.localeCompare(b.id));
  relationships.sort((a, b) =>
    b.weight - a.weight ||
    `${a.source}${a.relation}${a.target}`.localeCompare(`${b.source}${b.relation}${b.target}`)
  );
  return { nodes, relationships };
}

/**
 * Rebuilds a graph from {@linkcode graphToJson} output.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode } from "./graph.ts";
 * import { graphFromJson, graphToJson } from "./serialize.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * upsertNode(g, "service", "api", 0.9, { id: "01A", time: 0 });
 * equal(graphFromJson(graphToJson(g)).nodes.size, 1);
 * ```
 */
export function graphFromJson(json: GraphJson): MemoryGraph {
  const graph: MemoryGraph = emptyGraph();
  // The entries a deploy touched share its time: parse each distinct time once.
  const times = new Map<string, number>();
  const ms = (iso: string) => {
    let t = times.get(iso);
    if (t === undefined) times.set(iso, t = Date.parse(iso));
    return t;
  };
  for (const n of json.nodes) {
    graph.nodes.set(n.id, {
      id: n.id,
      kind: n.kind,
      name: n.name,
      relevance: n.relevance,
      observations: n.observations,
      first: { id: n.first_seen, time: ms(n.first_seen_at) },
      last: { id: n.last_seen, time: ms(n.last_seen_at) },
      touchedAt: ms(n.touched_at),
    });
  }
  for (const r of json.relationships) {
    putEdge(graph, relationshipKey(r.source, r.relation, r.target), {
      source: r.source,
      relation: r.relation,
      target: r.target,
      sourceName: r.source_name,
      targetName: r.target_name,
      weight: r.weight,
      observations: r.observations,
      first: { id: r.first_seen, time: ms(r.first_seen_at) },
      last: { id: r.last_seen, time: ms(r.last_seen_at) },
      touchedAt: ms(r.touched_at),
      evidence: r.evidence.slice(),
    });
  }
  return graph;
}
