/** The outgoing and incoming edge indexes of a graph, kept in step with `relationships`. Pure. */
import type { EdgeIndex, GraphRelationship, MemoryGraph, Relation } from "./types.ts";

function add(
  index: EdgeIndex,
  id: string,
  relation: Relation,
  other: string,
  rel: GraphRelationship,
) {
  let byRelation = index.get(id);
  if (!byRelation) index.set(id, byRelation = new Map());
  let byOther = byRelation.get(relation);
  if (!byOther) byRelation.set(relation, byOther = new Map());
  byOther.set(other, rel);
}

function remove(index: EdgeIndex, id: string, relation: Relation, other: string): void {
  const byRelation = index.get(id);
  const byOther = byRelation?.get(relation);
  if (!byRelation || !byOther) return;
  byOther.delete(other);
  if (byOther.size > 0) return;
  byRelation.delete(relation);
  if (byRelation.size === 0) index.delete(id);
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

/** Stores a relationship under `key` and indexes it by source and target. */
export function putEdge(graph: MemoryGraph, key: string, rel: GraphRelationship): void {
  graph.relationships.set(key, rel);
  add(graph.outgoing, rel.source, rel.relation, rel.target, rel);
  add(graph.incoming, rel.target, rel.relation, rel.source, rel);
}

/** Removes the relationship stored under `key` from the graph and both indexes. */
export function dropEdge(graph: MemoryGraph, key: string, rel: GraphRelationship): void {
  graph.relationships.delete(key);
  remove(graph.outgoing, rel.source, rel.relation, rel.target);
  remove(graph.incoming, rel.target, rel.relation, rel.source);
}

/** The relationships indexed under `id` (in `graph.outgoing` or `graph.incoming`), of one relation or all. */
export function* edgesOf(
  index: EdgeIndex,
  id: string,
  relation?: Relation,
): Generator<GraphRelationship> {
  const byRelation = index.get(id);
  if (!byRelation) return;
  const maps = relation === undefined ? byRelation.values() : [byRelation.get(relation)];
  for (const byOther of maps) {
    if (byOther) yield* byOther.values();
  }
}
