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
  id: string;
  time: number;
}

/** A node as held in memory; `relevance` is as of `touchedAt` (decay is applied when read). */
export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** The canonical name. */
  name: string;
  relevance: number;
  observations: number;
  first: Seen;
  last: Seen;
  touchedAt: number;
}

/** A relationship as held in memory; `weight` is as of `touchedAt`. */
export interface GraphRelationship {
  source: string;
  relation: Relation;
  target: string;
  sourceName: string;
  targetName: string;
  weight: number;
  observations: number;
  first: Seen;
  last: Seen;
  touchedAt: number;
  /** The last few evidence strings, oldest first. */
  evidence: string[];
}

/** The graph: nodes by id, relationships by `source|relation|target`, and an index of outgoing keys. */
export interface MemoryGraph {
  nodes: Map<string, GraphNode>;
  relationships: Map<string, GraphRelationship>;
  outgoing: Map<string, Set<string>>;
}

/** A node in the JSON shape of KERTO's serializer (external-formats §2.7), plus decay anchors. */
export interface NodeJson {
  id: string;
  name: string;
  kind: NodeKind;
  relevance: number;
  observations: number;
  "first_seen": string;
  "last_seen": string;
  "first_seen_at": string;
  "last_seen_at": string;
  "touched_at": string;
  pinned: boolean;
  summary: string | null;
}

/** A relationship in the JSON shape of KERTO's serializer (external-formats §2.7), plus decay anchors. */
export interface RelationshipJson {
  source: string;
  target: string;
  "source_name": string;
  "target_name": string;
  relation: Relation;
  weight: number;
  observations: number;
  "first_seen": string;
  "last_seen": string;
  "first_seen_at": string;
  "last_seen_at": string;
  "touched_at": string;
  evidence: string[];
  pinned: boolean;
}

/** The graph as JSON. */
export interface GraphJson {
  nodes: NodeJson[];
  relationships: RelationshipJson[];
}
