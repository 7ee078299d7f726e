/**
 * The edge indexes of a graph, kept in step with `relationships`: outgoing edges by source,
 * always; incoming edges by relation and target, built for a relation the first time it is
 * asked for (a load pays nothing for it) and kept up to date from then on. Pure.
 */
import type { GraphRelationship, MemoryGraph, Relation } from "./types.ts";

type ByEnd = Map<string, Map<string, GraphRelationship>>;

function add(index: ByEnd, id: string, other: string, rel: GraphRelationship): void {
  let byOther = index.get(id);
  if (!byOther) index.set(id, byOther = new Map());
  byOther.set(other, rel);
}

function remove(index: ByEnd | undefined, id: string, other: string): void {
  const byOther = index?.get(id);
  if (!index || !byOther) return;
  byOther.delete(other);
  if (byOther.size === 0) index.delete(id);
}

function outgoingOf(
  graph: MemoryGraph,
  source: string,
  relation: Relation,
): Map<string, GraphRelationship> {
  let byRelation = graph.outgoing.get(source);
  if (!byRelation) graph.outgoing.set(source, byRelation = new Map());
  let byTarget = byRelation.get(relation);
  if (!byTarget) byRelation.set(relation, byTarget = new Map());
  return byTarget;
}

/** The relationship `source —relation→ target`, found through the outgoing index. */
export function findEdge(
  graph: MemoryGraph,
  source: string,
  relation: Relation,
  target: string,
): GraphRelationship | undefined {
  return graph.outgoing.get(source)?.get(relation)?.get(target);
}

/** Stores a relationship under `key` and indexes it. */
export function putEdge(graph: MemoryGraph, key: string, rel: GraphRelationship): void {
  graph.relationships.set(key, rel);
  outgoingOf(graph, rel.source, rel.relation).set(rel.target, rel);
  const incoming = graph.incoming.get(rel.relation);
  if (incoming) add(incoming, rel.target, rel.source, rel);
}

/** Removes the relationship stored under `key` from the graph and its indexes. */
export function dropEdge(graph: MemoryGraph, key: string, rel: GraphRelationship): void {
  graph.relationships.delete(key);
  const byRelation = graph.outgoing.get(rel.source);
  remove(byRelation, rel.relation, rel.target);
  if (byRelation?.size === 0) graph.outgoing.delete(rel.source);
  remove(graph.incoming.get(rel.relation), rel.target, rel.source);
}

/**
 * The relationships from `source`, of one relation or of all, live or not, in insertion order.
 *
 * @example
 * ```ts
 * import { emptyGraph, outgoingEdges, upsertNode, upsertRelationship } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const web = upsertNode(g, "service", "web", 0.9, seen);
 * const api = upsertNode(g, "service", "api", 0.5, seen);
 * upsertRelationship(g, { source: web, relation: "depends_on", target: api }, 0.9, seen);
 * equal([...outgoingEdges(g, web.id, "depends_on")][0]?.targetName, "api");
 * ```
 */
export function* outgoingEdges(
  graph: MemoryGraph,
  source: string,
  relation?: Relation,
): Generator<GraphRelationship> {
  const byRelation = graph.outgoing.get(source);
  if (!byRelation) return;
  const maps = relation === undefined ? byRelation.values() : [byRelation.get(relation)];
  for (const byTarget of maps) if (byTarget) yield* byTarget.values();
}

/**
 * The relationships of one relation into `target`, live or not (the relation's index is built
 * on first use).
 *
 * @example
 * ```ts
 * import { emptyGraph, incomingEdges, upsertNode, upsertRelationship } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const g = emptyGraph();
 * const seen = { id: "01A", time: 0 };
 * const web = upsertNode(g, "service", "web", 0.9, seen);
 * const api = upsertNode(g, "service", "api", 0.5, seen);
 * upsertRelationship(g, { source: web, relation: "depends_on", target: api }, 0.9, seen);
 * equal([...incomingEdges(g, api.id, "depends_on")][0]?.sourceName, "web");
 * ```
 */
export function incomingEdges(
  graph: MemoryGraph,
  target: string,
  relation: Relation,
): Iterable<GraphRelationship> {
  let index = graph.incoming.get(relation);
  if (!index) {
    index = new Map();
    for (const rel of graph.relationships.values()) {
      if (rel.relation === relation) add(index, rel.target, rel.source, rel);
    }
    graph.incoming.set(relation, index);
  }
  return index.get(target)?.values() ?? [];
}
