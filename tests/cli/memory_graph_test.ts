/** `nopea memory graph` (text, -o json, --service, --kind) and `memory export -o json`. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";

const APP = (name: string, tag: string) => deploymentYaml(tag, { name });

Deno.test("memory graph reads as text, -o json is KERTO JSON, and filters by service and kind", async () => {
  await using world = await cliWorld();
  for (const name of ["web", "api"]) {
    const file = await world.write(`${name}.yaml`, APP(name, "1.0"));
    equal((await world.run(["deploy", "-f", file, "-s", name])).code, 0);
  }
  const text = await world.run(["memory", "graph"]);
  equal(text.code, 0, text.io.err());
  match(text.io.out(), /^service web \(relevance/m);
  match(text.io.out(), /deployed_to\s+namespace default/);
  const json = await world.run(["memory", "graph", "-o", "json"]);
  equal(json.code, 0);
  const all = JSON.parse(json.io.out()) as { nodes: { name: string; kind: string }[] };
  ok(all.nodes.some((n) => n.name === "api"));
  const web = JSON.parse(
    (await world.run(["memory", "graph", "--service", "web", "-o", "json"])).io.out(),
  ) as { nodes: { name: string; kind: string }[] };
  ok(web.nodes.some((n) => n.kind === "service" && n.name === "web"));
  ok(
    !web.nodes.some((n) => n.kind === "service" && n.name === "api"),
    "api is not web's neighbour",
  );
  const images = JSON.parse(
    (await world.run(["memory", "graph", "--kind", "image", "-o", "json"])).io.out(),
  ) as { nodes: { kind: string }[] };
  deepEqual([...new Set(images.nodes.map((n) => n.kind))], ["image"]);
  const bad = await world.run(["memory", "graph", "--kind", "planet"]);
  equal(bad.code, 2);
});

Deno.test("memory export takes -o json like every command", async () => {
  await using world = await cliWorld();
  const file = await world.write("web.yaml", APP("web", "1.0"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const run = await world.run(["memory", "export", "-o", "json"]);
  equal(run.code, 0, run.io.err());
  equal(JSON.parse(run.io.out()).occurrences.length, 1);
});

Deno.test("memory export --to writes a file another memory imports", async () => {
  await using world = await cliWorld();
  const file = await world.write("web.yaml", APP("web", "1.0"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const out = `${world.dir}/export.json`;
  equal((await world.run(["memory", "export", "--to", out])).code, 0);
  const other = { NOPEA_MEMORY_DIR: `${world.dir}/other` };
  const imported = await world.run(["memory", "import", out, "-o", "json"], { env: other });
  equal(imported.code, 0, imported.io.err());
  equal(JSON.parse(imported.io.out()).imported, 1);
});
