/** `nopea memory graph` as text: each node, then its relationships, strongest first. */
import type { GraphJson } from "../../memory/mod.ts";

/** The graph as text: each node, then its relationships, strongest first. */
export function graphText(graph: GraphJson): string {
  if (graph.nodes.length === 0) return "Memory holds no graph yet: no deploy was recorded.\n";
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const lines: string[] = [];
  const sorted = [...graph.nodes].sort((a, b) =>
    a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)
  );
  for (const n of sorted) {
    const out = graph.relationships.filter((r) => r.source === n.id)
      .sort((a, b) => b.weight - a.weight);
    if (out.length === 0 && n.kind !== "service") continue;
    lines.push(`${n.kind} ${n.name} (relevance ${n.relevance.toFixed(2)}, ${n.observations}×)`);
    for (const r of out) {
      lines.push(
        `  ${r.relation.padEnd(17)} ${kindOf.get(r.target) ?? "?"} ${r.target_name}  ` +
          `weight ${r.weight.toFixed(2)} (${r.observations}×)`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
