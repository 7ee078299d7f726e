/** Filters of `memory graph`: one service's neighbourhood, nodes of one kind, folded resources. */
import type { GraphJson } from "../memory/mod.ts";

/** What `memory graph` keeps. */
export interface GraphFilter {
  /** Only this service and what it relates to, up to `depth` relationships away. */
  service?: string | undefined;
  /** How many relationships away from `service` nodes are kept. @default 1 */
  depth?: number | undefined;
  /** Only nodes of this kind (and the relationships between kept nodes). */
  kind?: string | undefined;
  /** Keep resource nodes; by default they are folded into the services that deployed them. */
  resources?: boolean | undefined;
}

/** The ids within `depth` relationships of `start`, in either direction. */
function neighbourhood(graph: GraphJson, start: string, depth: number): Set<string> {
  const keep = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const r of graph.relationships) {
      for (const [from, to] of [[r.source, r.target], [r.target, r.source]] as const) {
        if (frontier.includes(from) && !keep.has(to)) {
          keep.add(to);
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  return keep;
}

/** The graph without resource nodes (what `resources: false` shows): only services know them. */
export function foldResources(graph: GraphJson): GraphJson {
  const resources = new Set(graph.nodes.filter((n) => n.kind === "resource").map((n) => n.id));
  return {
    nodes: graph.nodes.filter((n) => !resources.has(n.id)),
    relationships: graph.relationships.filter((r) =>
      !resources.has(r.source) && !resources.has(r.target)
    ),
  };
}

/** How many resource nodes each service node relates to, by service id. */
export function resourceCounts(graph: GraphJson): Map<string, number> {
  const resources = new Set(graph.nodes.filter((n) => n.kind === "resource").map((n) => n.id));
  const counts = new Map<string, number>();
  for (const r of graph.relationships) {
    if (resources.has(r.target)) counts.set(r.source, (counts.get(r.source) ?? 0) + 1);
  }
  return counts;
}

/** The graph with only the nodes the filter keeps, and the relationships between them. */
export function filterGraph(graph: GraphJson, filter: GraphFilter): GraphJson {
  const fold = filter.resources !== true && filter.kind !== "resource";
  const source = fold ? foldResources(graph) : graph;
  let relationships = source.relationships;
  let keep = new Set(source.nodes.map((n) => n.id));
  if (filter.service !== undefined) {
    const id = source.nodes.find((n) => n.kind === "service" && n.name === filter.service)?.id;
    keep = id === undefined ? new Set() : neighbourhood(source, id, filter.depth ?? 1);
    if ((filter.depth ?? 1) === 1) {
      relationships = relationships.filter((r) => r.source === id || r.target === id);
    }
  }
  if (filter.kind !== undefined) {
    const service = source.nodes.find((n) => n.kind === "service" && n.name === filter.service)
      ?.id;
    keep = new Set(
      source.nodes.filter((n) => keep.has(n.id) && (n.kind === filter.kind || n.id === service))
        .map((n) => n.id),
    );
  }
  return {
    nodes: source.nodes.filter((n) => keep.has(n.id)),
    relationships: relationships.filter((r) => keep.has(r.source) && keep.has(r.target)),
  };
}
