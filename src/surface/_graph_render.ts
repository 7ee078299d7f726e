/** `memory graph --format dot|mermaid`: the graph as Graphviz DOT or a Mermaid flowchart. Pure. */
import type { GraphJson, NodeJson } from "../memory/mod.ts";

/** The picture formats `memory graph` writes besides JSON. */
export type GraphPictureFormat = "dot" | "mermaid";

const DOT_SHAPES: Readonly<Record<string, string>> = {
  service: "box",
  namespace: "folder",
  error: "octagon",
  strategy: "ellipse",
  image: "note",
  resource: "component",
};

const MERMAID_SHAPES: Readonly<Record<string, readonly [string, string]>> = {
  service: ["[", "]"],
  namespace: ["[/", "/]"],
  error: ["{{", "}}"],
  strategy: ["([", "])"],
  image: ["[(", ")]"],
  resource: ["[[", "]]"],
};

/** What a node reads as: its kind and name, and for a service how many resources it folds. */
function labelOf(node: NodeJson, folded: ReadonlyMap<string, number>): string {
  const count = folded.get(node.id) ?? 0;
  const more = node.kind === "service" && count > 0 ? ` (${count} resources)` : "";
  return `${node.kind}: ${node.name}${more}`;
}

/** Nodes and relationships in a stable order, so the same memory draws the same text. */
function sorted(graph: GraphJson): GraphJson {
  return {
    nodes: [...graph.nodes].sort((a, b) =>
      a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)
    ),
    relationships: [...graph.relationships].sort((a, b) =>
      a.source_name.localeCompare(b.source_name) || a.relation.localeCompare(b.relation) ||
      a.target_name.localeCompare(b.target_name)
    ),
  };
}

/** A DOT double-quoted string. */
function dotString(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}

/** The graph as a Graphviz `digraph`; `folded` counts the resources folded into each service. */
export function graphDot(
  graph: GraphJson,
  folded: ReadonlyMap<string, number> = new Map(),
): string {
  const { nodes, relationships } = sorted(graph);
  const lines = ["digraph nopea {", "  rankdir=LR;", '  node [fontname="sans-serif"];'];
  for (const n of nodes) {
    const shape = DOT_SHAPES[n.kind] ?? "box";
    lines.push(`  ${dotString(n.id)} [label=${dotString(labelOf(n, folded))}, shape=${shape}];`);
  }
  for (const r of relationships) {
    const width = (1 + 2 * r.weight).toFixed(1);
    lines.push(
      `  ${dotString(r.source)} -> ${dotString(r.target)} ` +
        `[label=${dotString(r.relation)}, penwidth=${width}];`,
    );
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** A Mermaid label: quoted, with the characters Mermaid reads as syntax written as entities. */
function mermaidLabel(text: string): string {
  const safe = text.replaceAll("#", "#35;").replaceAll('"', "#quot;").replaceAll("<", "#lt;")
    .replaceAll(">", "#gt;");
  return `"${safe}"`;
}

/** The graph as a Mermaid flowchart; node ids are `n0`, `n1`, … in the order of the sorted nodes. */
export function graphMermaid(
  graph: GraphJson,
  folded: ReadonlyMap<string, number> = new Map(),
): string {
  const { nodes, relationships } = sorted(graph);
  const ids = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ["flowchart LR"];
  for (const n of nodes) {
    const [open, close] = MERMAID_SHAPES[n.kind] ?? ["[", "]"];
    lines.push(`  ${ids.get(n.id)}${open}${mermaidLabel(labelOf(n, folded))}${close}`);
  }
  for (const r of relationships) {
    const from = ids.get(r.source);
    const to = ids.get(r.target);
    if (from !== undefined && to !== undefined) lines.push(`  ${from} -->|${r.relation}| ${to}`);
  }
  return lines.join("\n") + "\n";
}

/** The graph in a picture format. */
export function renderGraph(
  graph: GraphJson,
  format: GraphPictureFormat,
  folded: ReadonlyMap<string, number> = new Map(),
): string {
  return format === "dot" ? graphDot(graph, folded) : graphMermaid(graph, folded);
}
