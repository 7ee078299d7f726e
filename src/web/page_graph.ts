/** The Graph page: memory's knowledge graph as a picture (cytoscape) and as lists. */
import { html } from "hono/html";
import type { GraphJson } from "../memory/mod.ts";
import { memoryGraphOperation } from "../surface/mod.ts";
import { assetPath } from "./_assets.ts";
import { jsonScript } from "./_figures.ts";
import { type Html, page } from "./_layout.ts";
import { read, type ReadDeps } from "./_read.ts";

/** The filter of the page, from its query string. */
export interface GraphQuery {
  service?: string | undefined;
  kind?: string | undefined;
  depth?: string | undefined;
  resources?: string | undefined;
}

const KINDS = ["service", "namespace", "error", "strategy", "image", "resource"];

/** The graph the query asks for, through the catalogue's `memory_graph`. */
export async function readGraph(deps: ReadDeps, query: GraphQuery): Promise<GraphJson> {
  return await read(deps, memoryGraphOperation, {
    ...(query.service ? { service: query.service } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.depth ? { depth: Number(query.depth) } : {}),
    ...(query.resources === "on" ? { resources: true } : {}),
  });
}

/** The graph as cytoscape elements: nodes with kind and name, edges with relation and weight. */
export function graphElements(graph: GraphJson): unknown[] {
  return [
    ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.name, kind: n.kind } })),
    ...graph.relationships.map((r) => ({
      data: {
        id: `${r.source}|${r.relation}|${r.target}`,
        source: r.source,
        target: r.target,
        relation: r.relation,
        weight: r.weight,
      },
    })),
  ];
}

function filterForm(query: GraphQuery, services: readonly string[]): Html {
  const option = (value: string, selected: string | undefined) =>
    value === selected
      ? html`<option value="${value}" selected>${value || "all"}</option>`
      : html`<option value="${value}">${value || "all"}</option>`;
  return html`<form method="get" action="/graph" class="filters">
<label>Service <select name="service">${
    ["", ...services].map((s) => option(s, query.service ?? ""))
  }</select></label>
<label>Kind <select name="kind">${
    ["", ...KINDS].map((k) => option(k, query.kind ?? ""))
  }</select></label>
<label>Depth <input type="number" name="depth" min="1" max="10" value="${
    query.depth ?? "1"
  }"></label>
<label><input type="checkbox" name="resources" ${
    query.resources === "on" ? "checked" : ""
  }> resources</label>
<button type="submit">Show</button></form>`;
}

function nodeItem(node: GraphJson["nodes"][number]): Html {
  const name = node.kind === "service"
    ? html`<a href="/services/${node.name}">${node.name}</a>`
    : html`${node.name}`;
  return html`<li data-kind="${node.kind}">${node.kind}: ${name}</li>`;
}

/** The page. */
export function graphPage(graph: GraphJson, query: GraphQuery, services: readonly string[]): Html {
  const sorted = [...graph.nodes].sort((a, b) =>
    a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)
  );
  return page(
    "Graph",
    html`
      <h1>Knowledge graph</h1>
      ${filterForm(query, services)}
      <p>${graph.nodes.length} nodes, ${graph.relationships.length} relationships. Resources are
      folded into their services unless asked for. Click a service to open its page.</p>
      <div id="graph" class="graph" role="img" data-lib="${assetPath("cytoscape.mjs")}"
        aria-label="The graph drawn: services, namespaces, errors, strategies and images"></div>
      ${jsonScript("graph-data", graphElements(graph))}
      <div class="columns">
        <section aria-labelledby="nodes-h">
          <h2 id="nodes-h">Nodes</h2>
          <ul class="nodes">${sorted.map(nodeItem)}</ul>
        </section>
        <section aria-labelledby="edges-h">
          <h2 id="edges-h">Relationships</h2>
          <ul class="edges">${graph.relationships.map((r) =>
            html`<li>${r.source_name} <em>${r.relation}</em> ${r.target_name} (${
              r.weight.toFixed(2)
            })</li>`
          )}</ul>
        </section>
      </div>
    `,
    { section: "graph" },
  );
}
