/** Filters of `memory graph`: one service's neighbourhood, and nodes of one kind. */
import type { GraphJson } from "../memory/mod.ts";

/** What `memory graph` keeps. */
export interface GraphFilter {
  /** Only this service and what it relates to directly. */
  service?: string | undefined;
  /** Only nodes of this kind (and the relationships between kept nodes). */
  kind?: string | undefined;
}

/** The graph with only the nodes the filter keeps, and the relationships between them. */
export function filterGraph(graph: GraphJson, filter: GraphFilter): GraphJson {
  let relationships = graph.relationships;
  let keep = new Set(graph.nodes.map((n) => n.id));
  if (filter.service !== undefined) {
    const id = graph.nodes.find((n) => n.kind === "service" && n.name === filter.service)?.id;
    relationships = relationships.filter((r) => r.source === id || r.target === id);
    keep = new Set([...relationships.flatMap((r) => [r.source, r.target]), ...(id ? [id] : [])]);
  }
  if (filter.kind !== undefined) {
    const service = graph.nodes.find((n) => n.kind === "service" && n.name === filter.service)?.id;
    keep = new Set(
      graph.nodes.filter((n) => keep.has(n.id) && (n.kind === filter.kind || n.id === service))
        .map((n) => n.id),
    );
  }
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    relationships: relationships.filter((r) => keep.has(r.source) && keep.has(r.target)),
  };
}
