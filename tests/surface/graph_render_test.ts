/** The graph pictures and filters of `memory_graph`, on a graph built by hand. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { GraphJson, NodeJson, RelationshipJson } from "../../src/memory/mod.ts";
import { filterGraph, foldResources } from "../../src/surface/_graph_filter.ts";
import { graphDot, graphMermaid } from "../../src/surface/_graph_render.ts";

const SEEN = { "first_seen": "01A", "last_seen": "01A", pinned: false };
const AT = "2026-01-01T00:00:00.000Z";
const TIMES = { "first_seen_at": AT, "last_seen_at": AT, "touched_at": AT };

function node(kind: NodeJson["kind"], name: string): NodeJson {
  return {
    id: `${kind}:${name}`,
    name,
    kind,
    relevance: 1,
    observations: 1,
    summary: null,
    ...SEEN,
    ...TIMES,
  };
}

function edge(
  from: NodeJson,
  relation: RelationshipJson["relation"],
  to: NodeJson,
): RelationshipJson {
  return {
    source: from.id,
    target: to.id,
    source_name: from.name,
    target_name: to.name,
    relation,
    weight: 0.5,
    observations: 1,
    evidence: [],
    ...SEEN,
    ...TIMES,
  };
}

const web = node("service", "web");
const api = node("service", "api");
const db = node("service", "db");
const quoted = node("error", 'Err "quoted" <x> #1');
const deployment = node("resource", "Deployment.apps/default/web");
const GRAPH: GraphJson = {
  nodes: [web, api, db, quoted, deployment],
  relationships: [
    edge(web, "depends_on", api),
    edge(api, "depends_on", db),
    edge(web, "failed_with", quoted),
    edge(web, "deployed_together", deployment),
  ],
};

Deno.test("resources fold into their services unless kept or asked for by kind", () => {
  deepEqual(foldResources(GRAPH).nodes.map((n) => n.name), ["web", "api", "db", quoted.name]);
  equal(filterGraph(GRAPH, {}).relationships.length, 3);
  equal(filterGraph(GRAPH, { resources: true }).nodes.length, 5);
  deepEqual(filterGraph(GRAPH, { kind: "resource" }).nodes.map((n) => n.kind), ["resource"]);
});

Deno.test("depth keeps nodes that many relationships away, either direction", () => {
  const names = (depth: number) =>
    filterGraph(GRAPH, { service: "db", depth }).nodes.map((n) => n.name).sort();
  deepEqual(names(1), ["api", "db"]);
  deepEqual(names(2), ["api", "db", "web"]);
  deepEqual(names(3), ["api", "db", quoted.name, "web"].sort());
  equal(filterGraph(GRAPH, { service: "nope" }).nodes.length, 0);
});

Deno.test("DOT escapes quotes and draws one line per node and edge, in a stable order", () => {
  const dot = graphDot(foldResources(GRAPH), new Map([[web.id, 1]]));
  match(dot, /^digraph nopea \{\n/);
  match(
    dot,
    /"error:Err \\"quoted\\" <x> #1" \[label="error: Err \\"quoted\\" <x> #1", shape=octagon\];/,
  );
  match(dot, /label="service: web \(1 resources\)", shape=box/);
  equal(dot.split("\n").filter((l) => l.includes(" -> ")).length, 3);
  equal(
    graphDot(foldResources({ ...GRAPH, nodes: [...GRAPH.nodes].reverse() })),
    graphDot(foldResources(GRAPH)),
  );
});

Deno.test("Mermaid writes syntax characters in labels as entities", () => {
  const mermaid = graphMermaid(foldResources(GRAPH));
  const lines = mermaid.trimEnd().split("\n");
  equal(lines[0], "flowchart LR");
  ok(lines.includes('  n0{{"error: Err #quot;quoted#quot; #lt;x#gt; #35;1"}}'), mermaid);
  equal(lines.filter((l) => / -->\|[a-z_]+\| /.test(l)).length, 3);
  ok(!mermaid.includes("resource"), "folded resources are not drawn");
});
