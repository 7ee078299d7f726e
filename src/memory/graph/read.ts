/** Reading the graph at a time: decayed weights, live relationships, pruning. Pure (no I/O). */
import { dropEdge, incomingEdges, outgoingEdges } from "./_index.ts";
import type { GraphNode, GraphRelationship, MemoryGraph, Relation } from "./types.ts";
import { decayed, NODE_DEATH, RELATIONSHIP_DEATH } from "./weights.ts";

/**
 * The weight of a relationship at `now`.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode, upsertRelationship } from "./graph.ts";
 * import { weightAt } from "./read.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const source = upsertNode(g, "service", "api", 0.9, seen);
 * const target = upsertNode(g, "namespace", "prod", 0.5, seen);
 * const rel = upsertRelationship(g, { source, relation: "deployed_to", target }, 0.9, seen);
 * equal(weightAt(rel, 3_600_000), 0.49);
 * ```
 */
export function weightAt(rel: GraphRelationship, now: number): number {
  return decayed(rel.weight, rel.touchedAt, now);
}

/**
 * The relevance of a node at `now`.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode } from "./graph.ts";
 * import { relevanceAt } from "./read.ts";
 * import { equal } from "node:assert/strict";
 * const node = upsertNode(emptyGraph(), "service", "api", 0.9, { id: "01A", time: 0 });
 * equal(relevanceAt(node, 3_600_000), 0.49);
 * ```
 */
export function relevanceAt(node: GraphNode, now: number): number {
  return decayed(node.relevance, node.touchedAt, now);
}

/**
 * Live (not decayed below the threshold) relationships from `source`, optionally of one relation.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode, upsertRelationship } from "./graph.ts";
 * import { outgoingAt } from "./read.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const source = upsertNode(g, "service", "api", 0.9, seen);
 * const target = upsertNode(g, "namespace", "prod", 0.5, seen);
 * upsertRelationship(g, { source, relation: "deployed_to", target }, 0.9, seen);
 * equal(outgoingAt(g, source.id, 0).length, 1);
 * equal(outgoingAt(g, source.id, 200 * 3_600_000).length, 0);
 * ```
 */
export function outgoingAt(
  graph: MemoryGraph,
  source: string,
  now: number,
  relation?: Relation,
): GraphRelationship[] {
  const out: GraphRelationship[] = [];
  for (const rel of outgoingEdges(graph, source, relation)) {
    if (weightAt(rel, now) >= RELATIONSHIP_DEATH) out.push(rel);
  }
  return out;
}

/**
 * Live relationships into `target` of one relation, through the incoming index (built for the
 * relation on its first use).
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode, upsertRelationship } from "./graph.ts";
 * import { incomingAt } from "./read.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const web = upsertNode(g, "service", "web", 0.9, seen);
 * const api = upsertNode(g, "service", "api", 0.5, seen);
 * upsertRelationship(g, { source: web, relation: "depends_on", target: api }, 0.9, seen);
 * equal(incomingAt(g, api.id, 0, "depends_on")[0]?.sourceName, "web");
 * ```
 */
export function incomingAt(
  graph: MemoryGraph,
  target: string,
  now: number,
  relation: Relation,
): GraphRelationship[] {
  const out: GraphRelationship[] = [];
  for (const rel of incomingEdges(graph, target, relation)) {
    if (weightAt(rel, now) >= RELATIONSHIP_DEATH) out.push(rel);
  }
  return out;
}

/** What {@linkcode pruneGraph} removed. */
export interface PruneCounts {
  /** Nodes removed. */
  nodes: number;
  /** Relationships removed. */
  relationships: number;
}

/**
 * Removes, as of `now`, relationships whose decayed weight is under 0.05, then
 * nodes under 0.01 relevance that are no endpoint of a surviving relationship.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode, upsertRelationship } from "./graph.ts";
 * import { pruneGraph } from "./read.ts";
 * import { deepEqual } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const source = upsertNode(g, "service", "api", 0.9, seen);
 * const target = upsertNode(g, "namespace", "prod", 0.5, seen);
 * upsertRelationship(g, { source, relation: "deployed_to", target }, 0.9, seen);
 * deepEqual(pruneGraph(g, 300 * 3_600_000), { nodes: 2, relationships: 1 });
 * ```
 */
export function pruneGraph(graph: MemoryGraph, now: number): PruneCounts {
  let relationships = 0;
  const endpoints = new Set<string>();
  for (const [key, rel] of graph.relationships) {
    if (weightAt(rel, now) < RELATIONSHIP_DEATH) {
      dropEdge(graph, key, rel);
      relationships++;
    } else {
      endpoints.add(rel.source).add(rel.target);
    }
  }
  let nodes = 0;
  for (const [id, node] of graph.nodes) {
    if (!endpoints.has(id) && relevanceAt(node, now) < NODE_DEATH) {
      graph.nodes.delete(id);
      nodes++;
    }
  }
  return { nodes, relationships };
}
