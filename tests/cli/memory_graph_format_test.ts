/** `nopea memory graph --format dot|mermaid|json`, `--depth` and folded resources. */
import { equal, match, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { type CliWorld, cliWorld } from "../_cli.ts";

interface Graph {
  nodes: { id: string; kind: string; name: string }[];
  relationships: { source_name: string; relation: string; target_name: string }[];
}

/** The Kubernetes Service `api`, which other deploys' manifests may name. */
const API_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 8080}]
---
`;

/** `web` runs one Deployment whose environment names the `api` service. */
const WEB = deploymentYaml("1.0").replace(
  "image: example/web:1.0",
  'image: example/web:1.0\n          env: [{name: API_ADDR, value: "api:8080"}]',
);

async function twoServices(world: CliWorld): Promise<void> {
  const api = await world.write(
    "api.yaml",
    API_SERVICE + deploymentYaml("2.0", { name: "api" }),
  );
  equal((await world.run(["deploy", "-f", api, "-s", "api"])).code, 0);
  const web = await world.write("web.yaml", WEB);
  const run = await world.run(["deploy", "-f", web, "-s", "web"]);
  equal(run.code, 0, run.io.err());
}

async function graph(world: CliWorld, args: string[]): Promise<Graph> {
  const run = await world.run(["memory", "graph", ...args, "-o", "json"]);
  equal(run.code, 0, run.io.err());
  return JSON.parse(run.io.out()) as Graph;
}

Deno.test("memory graph folds resources into their services unless --resources keeps them", async () => {
  await using world = await cliWorld();
  await twoServices(world);
  const folded = await graph(world, []);
  ok(!folded.nodes.some((n) => n.kind === "resource"), "no resource node by default");
  ok(
    folded.relationships.some((r) =>
      r.source_name === "web" && r.relation === "depends_on" && r.target_name === "api"
    ),
  );
  const whole = await graph(world, ["--resources"]);
  equal(whole.nodes.filter((n) => n.kind === "resource").length, 3, "api: 2 objects, web: 1");
});

Deno.test("memory graph --service with --depth keeps nodes that many relationships away", async () => {
  await using world = await cliWorld();
  await twoServices(world);
  const near = await graph(world, ["--service", "web"]);
  ok(near.nodes.some((n) => n.name === "api"), "api is web's direct neighbour");
  ok(!near.nodes.some((n) => n.name === "example/api:2.0"), "api's image is two hops away");
  const far = await graph(world, ["--service", "web", "--depth", "2"]);
  ok(far.nodes.some((n) => n.name === "example/api:2.0"));
  const bad = await world.run(["memory", "graph", "--service", "web", "--depth", "0"]);
  equal(bad.code, 2);
  match(bad.io.err(), /depth/);
});

Deno.test("memory graph --format dot draws every node and relationship as Graphviz", async () => {
  await using world = await cliWorld();
  await twoServices(world);
  const json = await graph(world, ["--format", "json"]);
  const run = await world.run(["memory", "graph", "--format", "dot"]);
  equal(run.code, 0, run.io.err());
  const lines = run.io.out().trimEnd().split("\n");
  equal(lines[0], "digraph nopea {");
  equal(lines.at(-1), "}");
  const nodes = lines.filter((l) => /^ {2}"[^"]+" \[label=/.test(l));
  const edges = lines.filter((l) => /^ {2}"[^"]+" -> "[^"]+" \[label="[a-z_]+", penwidth=/.test(l));
  equal(nodes.length, json.nodes.length);
  equal(edges.length, json.relationships.length);
  ok(nodes.some((l) => l.includes('label="service: api (2 resources)", shape=box')));
  equal(lines.length, 3 + nodes.length + edges.length + 1, "nothing else but the header");
});

Deno.test("memory graph --format mermaid writes a flowchart with one line per node and edge", async () => {
  await using world = await cliWorld();
  await twoServices(world);
  const json = await graph(world, ["--service", "web"]);
  const run = await world.run(["memory", "graph", "--service", "web", "--format", "mermaid"]);
  equal(run.code, 0, run.io.err());
  const [header, ...body] = run.io.out().trimEnd().split("\n");
  equal(header, "flowchart LR");
  const nodes = body.filter((l) => /^ {2}n\d+[[({/]+"[^"]*"[\])}/]+$/.test(l));
  const edges = body.filter((l) => /^ {2}n\d+ -->\|[a-z_]+\| n\d+$/.test(l));
  equal(nodes.length, json.nodes.length);
  equal(edges.length, json.relationships.length);
  equal(body.length, nodes.length + edges.length, "every line is a node or an edge");
  ok(nodes.some((l) => l.includes('"service: web (1 resources)"')));
});
