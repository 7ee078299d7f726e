/**
 * @module
 * The knowledge graph: content-addressed nodes, weighted directed relationships,
 * EWMA learning, weakening, lazy decay and pruning (DESIGN §4.1–4.2). Pure code
 * that runs in a browser: no I/O, time only through the values passed in.
 */
export { canonicalName, nodeId } from "./identity.ts";
export {
  emptyGraph,
  relationshipKey,
  upsertNode,
  upsertRelationship,
  weakenRelationships,
} from "./graph.ts";
export {
  incomingAt,
  outgoingAt,
  type PruneCounts,
  pruneGraph,
  relevanceAt,
  weightAt,
} from "./read.ts";
export { graphAt, graphFromJson, graphToJson, relationshipJson } from "./serialize.ts";
export { incomingEdges, outgoingEdges } from "./_index.ts";
export { graphJsonMembers } from "./serialize_text.ts";
export type {
  GraphJson,
  GraphNode,
  GraphRelationship,
  MemoryGraph,
  NodeJson,
  NodeKind,
  Relation,
  RelationshipJson,
  Seen,
} from "./types.ts";
export {
  clamp01,
  DECAY_PER_HOUR,
  decayed,
  EVIDENCE_KEPT,
  ewma,
  EWMA_ALPHA,
  INITIAL_WEIGHT,
  NODE_DEATH,
  RELATIONSHIP_DEATH,
  weaken,
} from "./weights.ts";
