/** The knowledge graph's types: node kinds, relations, nodes, relationships (DESIGN §4.1). */

/** What a node stands for. */
export type NodeKind = "service" | "namespace" | "error" | "strategy" | "image" | "resource";

/** A directed relation between two nodes. */
export type Relation =
  | "deployed_to"
  | "failed_with"
  | "used_strategy"
  | "runs_image"
  | "depends_on"
  | "deployed_together";

/** When something was seen: the occurrence id (ULID) and its time (ms since the epoch). */
export interface Seen {
  /** The occurrence id (ULID). */
  id: string;
  /** Its time, ms since the epoch. */
  time: number;
}

/** A node as held in memory; `relevance` is as of `touchedAt` (decay is applied when read). */
export interface GraphNode {
  /** The content-addressed id (see `nodeId`). */
  id: string;
  /** What the node stands for. */
  kind: NodeKind;
  /** The canonical name. */
  name: string;
  /** Relevance 0..1 as of `touchedAt`. */
  relevance: number;
  /** How often it was observed. */
  observations: number;
  /** When it was first observed. */
  first: Seen;
  /** When it was last observed. */
  last: Seen;
  /** The time `relevance` is valid at (ms); decay runs from here. */
  touchedAt: number;
}

/** A relationship as held in memory; `weight` is as of `touchedAt`. */
export interface GraphRelationship {
  /** The source node id. */
  source: string;
  /** The relation. */
  relation: Relation;
  /** The target node id. */
  target: string;
  /** The source node's name. */
  sourceName: string;
  /** The target node's name. */
  targetName: string;
  /** Weight 0..1 as of `touchedAt`. */
  weight: number;
  /** How often it was observed. */
  observations: number;
  /** When it was first observed. */
  first: Seen;
  /** When it was last observed. */
  last: Seen;
  /** The time `weight` is valid at (ms); decay runs from here. */
  touchedAt: number;
  /** The last few evidence strings, oldest first. */
  evidence: string[];
}

/**
 * The graph: nodes by id, relationships by `source|relation|target`, and indexes of the
 * relationships by their ends (kept in step by every graph write, never serialized).
 */
export interface MemoryGraph {
  /** Nodes by id. */
  nodes: Map<string, GraphNode>;
  /** Relationships by `source|relation|target`. */
  relationships: Map<string, GraphRelationship>;
  /** Relationships by source id, relation and target id. */
  outgoing: Map<string, Map<Relation, Map<string, GraphRelationship>>>;
  /**
   * Relationships by relation, target id and source id; a relation appears once it was first
   * asked for (see `incomingAt`), and is kept up to date from then on.
   */
  incoming: Map<Relation, Map<string, Map<string, GraphRelationship>>>;
}

/** A node in the JSON shape of KERTO's serializer (external-formats §2.7), plus decay anchors. */
export interface NodeJson {
  /** The node id. */
  id: string;
  /** The canonical name. */
  name: string;
  /** What the node stands for. */
  kind: NodeKind;
  /** Relevance 0..1. */
  relevance: number;
  /** How often it was observed. */
  observations: number;
  /** Occurrence id (ULID) of the first observation. */
  "first_seen": string;
  /** Occurrence id (ULID) of the last observation. */
  "last_seen": string;
  /** Time of the first observation (ISO 8601). */
  "first_seen_at": string;
  /** Time of the last observation (ISO 8601). */
  "last_seen_at": string;
  /** The time the value is valid at (ISO 8601); decay runs from here. */
  "touched_at": string;
  /** Always false (KERTO compatibility). */
  pinned: boolean;
  /** Always null (KERTO compatibility). */
  summary: string | null;
}

/** A relationship in the JSON shape of KERTO's serializer (external-formats §2.7), plus decay anchors. */
export interface RelationshipJson {
  /** The source node id. */
  source: string;
  /** The target node id. */
  target: string;
  /** The source node's name. */
  "source_name": string;
  /** The target node's name. */
  "target_name": string;
  /** The relation. */
  relation: Relation;
  /** Weight 0..1. */
  weight: number;
  /** How often it was observed. */
  observations: number;
  /** Occurrence id (ULID) of the first observation. */
  "first_seen": string;
  /** Occurrence id (ULID) of the last observation. */
  "last_seen": string;
  /** Time of the first observation (ISO 8601). */
  "first_seen_at": string;
  /** Time of the last observation (ISO 8601). */
  "last_seen_at": string;
  /** The time the value is valid at (ISO 8601); decay runs from here. */
  "touched_at": string;
  /** The last few evidence strings, oldest first. */
  evidence: string[];
  /** Always false (KERTO compatibility). */
  pinned: boolean;
}

/** The graph as JSON. */
export interface GraphJson {
  /** The nodes. */
  nodes: NodeJson[];
  /** The relationships. */
  relationships: RelationshipJson[];
}
