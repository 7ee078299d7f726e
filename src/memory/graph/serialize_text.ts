/**
 * The graph as JSON text for the snapshot, written after every record: each node and
 * relationship is serialized once and again only after it changed. Pure.
 */
import { nodeJson, relationshipJson } from "./serialize.ts";
import type { GraphNode, GraphRelationship, MemoryGraph } from "./types.ts";

interface Cached {
  observations: number;
  touchedAt: number;
  value: number;
  json: string;
}

const nodes = new WeakMap<GraphNode, Cached>();
const relationships = new WeakMap<GraphRelationship, Cached>();

function cached<T extends object>(
  cache: WeakMap<T, Cached>,
  item: T & { observations: number; touchedAt: number },
  value: number,
  serialize: () => unknown,
): string {
  const hit = cache.get(item);
  if (
    hit && hit.observations === item.observations && hit.touchedAt === item.touchedAt &&
    hit.value === value
  ) {
    return hit.json;
  }
  const json = JSON.stringify(serialize());
  cache.set(item, { observations: item.observations, touchedAt: item.touchedAt, value, json });
  return json;
}

/**
 * The members `"nodes":[…],"relationships":[…]` of `JSON.stringify(graphToJson(graph))`.
 *
 * @example
 * ```ts
 * import { emptyGraph, graphToJson, upsertNode } from "./mod.ts";
 * import { graphJsonMembers } from "./serialize_text.ts";
 * import { deepEqual } from "node:assert/strict";
 * const g = emptyGraph();
 * upsertNode(g, "service", "api", 0.9, { id: "01A", time: 0 });
 * deepEqual(JSON.parse(`{${graphJsonMembers(g)}}`), graphToJson(g));
 * ```
 */
export function graphJsonMembers(graph: MemoryGraph): string {
  const n: string[] = [];
  for (const node of graph.nodes.values()) {
    n.push(cached(nodes, node, node.relevance, () => nodeJson(node, node.relevance)));
  }
  const r: string[] = [];
  for (const rel of graph.relationships.values()) {
    r.push(cached(relationships, rel, rel.weight, () => relationshipJson(rel, rel.weight)));
  }
  return `"nodes":[${n.join(",")}],"relationships":[${r.join(",")}]`;
}
