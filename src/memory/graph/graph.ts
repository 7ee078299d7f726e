/** Graph operations: upsert with EWMA, weaken, lazy decay at read time, pruning. Pure (no I/O). */
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

/** A new, empty graph. */
export function emptyGraph(): MemoryGraph {
  return { nodes: new Map(), relationships: new Map(), outgoing: new Map() };
}

/** The key of a relationship. */
export function relationshipKey(source: string, relation: Relation, target: string): string {
  return `${source}|${relation}|${target}`;
}

/** Observes a node: creates it at 0.5, or moves its (decayed) relevance towards `confidence`. */
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

/** Observes `source —relation→ target`: creates it at 0.5, or moves its (decayed) weight towards `confidence`. */
export function upsertRelationship(
  graph: MemoryGraph,
  edge: { source: GraphNode; relation: Relation; target: GraphNode },
  confidence: number,
  seen: Seen,
  evidence?: string,
): GraphRelationship {
  const key = relationshipKey(edge.source.id, edge.relation, edge.target.id);
  const rel = graph.relationships.get(key);
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
    graph.relationships.set(key, fresh);
    let out = graph.outgoing.get(fresh.source);
    if (!out) graph.outgoing.set(fresh.source, out = new Set());
    out.add(key);
    return fresh;
  }
  rel.weight = ewma(current, confidence);
  rel.observations += 1;
  rel.last = seen;
  rel.touchedAt = seen.time;
  if (evidence !== undefined) {
    rel.evidence.push(evidence);
    if (rel.evidence.length > EVIDENCE_KEPT) {
      rel.evidence.splice(0, rel.evidence.length - EVIDENCE_KEPT);
    }
  }
  return rel;
}

/** Counter-evidence: multiplies the (decayed) weight of every `source —relation→ *` by `factor`. */
export function weakenRelationships(
  graph: MemoryGraph,
  source: string,
  relation: Relation,
  factor: number,
  time: number,
): number {
  let n = 0;
  for (const key of graph.outgoing.get(source) ?? []) {
    const rel = graph.relationships.get(key);
    if (!rel || rel.relation !== relation) continue;
    rel.weight = weaken(decayed(rel.weight, rel.touchedAt, time), factor);
    rel.touchedAt = Math.max(rel.touchedAt, time);
    n++;
  }
  return n;
}

/** The weight of a relationship at `now`. */
export function weightAt(rel: GraphRelationship, now: number): number {
  return decayed(rel.weight, rel.touchedAt, now);
}

/** The relevance of a node at `now`. */
export function relevanceAt(node: GraphNode, now: number): number {
  return decayed(node.relevance, node.touchedAt, now);
}

/** Live (not decayed below the threshold) relationships from `source`, optionally of one relation. */
export function outgoingAt(
  graph: MemoryGraph,
  source: string,
  now: number,
  relation?: Relation,
): GraphRelationship[] {
  const out: GraphRelationship[] = [];
  for (const key of graph.outgoing.get(source) ?? []) {
    const rel = graph.relationships.get(key);
    if (!rel || (relation !== undefined && rel.relation !== relation)) continue;
    if (weightAt(rel, now) >= RELATIONSHIP_DEATH) out.push(rel);
  }
  return out;
}

/** Live relationships into `target` of one relation (a scan of all relationships). */
export function incomingAt(
  graph: MemoryGraph,
  target: string,
  now: number,
  relation: Relation,
): GraphRelationship[] {
  const out: GraphRelationship[] = [];
  for (const rel of graph.relationships.values()) {
    if (
      rel.target === target && rel.relation === relation && weightAt(rel, now) >= RELATIONSHIP_DEATH
    ) {
      out.push(rel);
    }
  }
  return out;
}

/** What {@linkcode pruneGraph} removed. */
export interface PruneCounts {
  nodes: number;
  relationships: number;
}

/**
 * Removes, as of `now`, relationships whose decayed weight is under 0.05, then
 * nodes under 0.01 relevance that are no endpoint of a surviving relationship.
 */
export function pruneGraph(graph: MemoryGraph, now: number): PruneCounts {
  let relationships = 0;
  const endpoints = new Set<string>();
  for (const [key, rel] of graph.relationships) {
    if (weightAt(rel, now) < RELATIONSHIP_DEATH) {
      graph.relationships.delete(key);
      graph.outgoing.get(rel.source)?.delete(key);
      relationships++;
    } else {
      endpoints.add(rel.source).add(rel.target);
    }
  }
  let nodes = 0;
  for (const [id, node] of graph.nodes) {
    if (!endpoints.has(id) && relevanceAt(node, now) < NODE_DEATH) {
      graph.nodes.delete(id);
      graph.outgoing.delete(id);
      nodes++;
    }
  }
  return { nodes, relationships };
}
