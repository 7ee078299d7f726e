/** Graph writes: upsert of nodes and relationships with EWMA, and weakening. Pure (no I/O). */
import { findEdge, putEdge } from "./_index.ts";
import { canonicalName, nodeId } from "./identity.ts";
import type {
  GraphNode,
  GraphRelationship,
  MemoryGraph,
  NodeKind,
  Relation,
  Seen,
} from "./types.ts";
import {
  decayed,
  EVIDENCE_KEPT,
  ewma,
  INITIAL_WEIGHT,
  NODE_DEATH,
  RELATIONSHIP_DEATH,
  weaken,
} from "./weights.ts";

/**
 * A new, empty graph.
 *
 * @example
 * ```ts
 * import { emptyGraph } from "./graph.ts";
 * import { equal } from "node:assert/strict";
 * equal(emptyGraph().nodes.size, 0);
 * ```
 */
export function emptyGraph(): MemoryGraph {
  return { nodes: new Map(), relationships: new Map(), outgoing: new Map(), incoming: new Map() };
}

/**
 * The key of a relationship.
 *
 * @example
 * ```ts
 * import { relationshipKey } from "./graph.ts";
 * import { equal } from "node:assert/strict";
 * equal(relationshipKey("a", "depends_on", "b"), "a|depends_on|b");
 * ```
 */
export function relationshipKey(source: string, relation: Relation, target: string): string {
  return `${source}|${relation}|${target}`;
}

/**
 * Observes a node: creates it at 0.5, or moves its (decayed) relevance towards `confidence`.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode } from "./graph.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * upsertNode(g, "service", "api", 0.9, { id: "01A", time: 0 });
 * equal(upsertNode(g, "service", "api", 0.9, { id: "01B", time: 0 }).relevance.toFixed(2), "0.62");
 * ```
 */
export function upsertNode(
  graph: MemoryGraph,
  kind: NodeKind,
  name: string,
  confidence: number,
  seen: Seen,
): GraphNode {
  const id = nodeId(kind, name);
  const node = graph.nodes.get(id);
  const current = node ? decayed(node.relevance, node.touchedAt, seen.time) : 0;
  if (!node || current < NODE_DEATH) {
    const fresh: GraphNode = {
      id,
      kind,
      name: canonicalName(kind, name),
      relevance: INITIAL_WEIGHT,
      observations: 1,
      first: seen,
      last: seen,
      touchedAt: seen.time,
    };
    graph.nodes.set(id, fresh);
    return fresh;
  }
  node.relevance = ewma(current, confidence);
  node.observations += 1;
  node.last = seen;
  node.touchedAt = seen.time;
  return node;
}

/**
 * Observes `source —relation→ target`: creates it at 0.5, or moves its (decayed) weight towards `confidence`.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode, upsertRelationship } from "./graph.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const source = upsertNode(g, "service", "api", 0.8, seen);
 * const target = upsertNode(g, "error", "Timeout", 0.8, seen);
 * upsertRelationship(g, { source, relation: "failed_with", target }, 0.8, seen);
 * equal(upsertRelationship(g, { source, relation: "failed_with", target }, 0.8, seen).weight.toFixed(2), "0.59");
 * ```
 */
export function upsertRelationship(
  graph: MemoryGraph,
  edge: { source: GraphNode; relation: Relation; target: GraphNode },
  confidence: number,
  seen: Seen,
  evidence?: string,
): GraphRelationship {
  const rel = findEdge(graph, edge.source.id, edge.relation, edge.target.id);
  const current = rel ? decayed(rel.weight, rel.touchedAt, seen.time) : 0;
  if (!rel || current < RELATIONSHIP_DEATH) {
    const fresh: GraphRelationship = {
      source: edge.source.id,
      relation: edge.relation,
      target: edge.target.id,
      sourceName: edge.source.name,
      targetName: edge.target.name,
      weight: INITIAL_WEIGHT,
      observations: 1,
      first: seen,
      last: seen,
      touchedAt: seen.time,
      evidence: evidence === undefined ? [] : [evidence],
    };
    putEdge(graph, relationshipKey(fresh.source, fresh.relation, fresh.target), fresh);
    return fresh;
  }
  rel.weight = ewma(current, confidence);
  rel.observations += 1;
  rel.last = seen;
  rel.touchedAt = seen.time;
  if (evidence !== undefined) {
    rel.evidence.push(evidence);
    while (rel.evidence.length > EVIDENCE_KEPT) rel.evidence.shift();
  }
  return rel;
}

/**
 * Counter-evidence: multiplies the (decayed) weight of every `source —relation→ *` by `factor`.
 *
 * @example
 * ```ts
 * import { emptyGraph, upsertNode, upsertRelationship, weakenRelationships } from "./graph.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const source = upsertNode(g, "service", "api", 0.8, seen);
 * const target = upsertNode(g, "error", "Timeout", 0.8, seen);
 * const rel = upsertRelationship(g, { source, relation: "failed_with", target }, 0.8, seen);
 * weakenRelationships(g, source.id, "failed_with", 0.5, 0);
 * equal(rel.weight, 0.25);
 * ```
 */
export function weakenRelationships(
  graph: MemoryGraph,
  source: string,
  relation: Relation,
  factor: number,
  time: number,
): number {
  let n = 0;
  for (const rel of graph.outgoing.get(source)?.get(relation)?.values() ?? []) {
    rel.weight = weaken(decayed(rel.weight, rel.touchedAt, time), factor);
    rel.touchedAt = Math.max(rel.touchedAt, time);
    n++;
  }
  return n;
}
