import { equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const cm = (value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  greeting: "${value}"\n`;

Deno.test("nopea memory stats, export, import and prune", async () => {
  await using world = await cliWorld();
  const file = await world.write("cm.yaml", cm("hello"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const stats = await world.run(["memory", "stats", "-o", "json"]);
  equal(stats.code, 0, stats.io.err());
  equal(JSON.parse(stats.io.out()).deploys, 1);
  const exported = `${world.dir}/export.json`;
  equal((await world.run(["memory", "export", "--to", exported])).code, 0);
  const other = { NOPEA_MEMORY_DIR: `${world.dir}/other-memory` };
  const imported = await world.run(["memory", "import", exported, "-o", "json"], { env: other });
  equal(imported.code, 0, imported.io.err());
  equal(JSON.parse(imported.io.out()).imported, 1);
  const again = await world.run(["memory", "import", exported], { env: other });
  match(again.io.out(), /Imported 0 new occurrences/);
  const history = await world.run(["history", "web", "-o", "json"], { env: other });
  equal(JSON.parse(history.io.out()).deploys.length, 1);
  const pruned = await world.run(["memory", "prune", "-o", "json"]);
  equal(pruned.code, 0);
  equal(typeof JSON.parse(pruned.io.out()).relationships, "number");
  const bad = await world.write("bad.json", "{ not json");
  const refused = await world.run(["memory", "import", bad]);
  equal(refused.code, 2);
  match(refused.io.err(), /SPEC_INVALID.*not valid JSON/);
});

Deno.test("nopea rollback re-applies the last good deploy and exits 0", async () => {
  await using world = await cliWorld();
  const v1 = await world.write("v1.yaml", cm("one"));
  const v2 = await world.write("v2.yaml", cm("two"));
  equal((await world.run(["deploy", "-f", v1, "-s", "web"])).code, 0);
  equal((await world.run(["deploy", "-f", v2, "-s", "web"])).code, 0);
  const rolled = await world.run(["rollback", "web", "-o", "json"]);
  equal(rolled.code, 0, rolled.io.out() + rolled.io.err());
  const result = JSON.parse(rolled.io.out());
  equal(result.status, "rolledback");
  const live = await world.sandbox.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "web-config",
  });
  equal((live?.["data"] as Record<string, string>)["greeting"], "one");
  const nothing = await world.run(["promote", "web"]);
  equal(nothing.code, 2, nothing.io.out() + nothing.io.err());
  match(nothing.io.err(), /DEPLOY_NOT_FOUND/);
  ok(true);
});

Deno.test("nopea drift exits 0 without drift and 1 when someone changed the cluster", async () => {
  await using world = await cliWorld();
  const file = await world.write("cm.yaml", cm("hello"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const clean = await world.run(["drift", "web"]);
  equal(clean.code, 0, clean.io.out() + clean.io.err());
  match(clean.io.out(), /: none/);
  await world.sandbox.cluster.patch(
    { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" },
    { data: { greeting: "edited by hand" } },
    { fieldManager: "kubectl-edit" },
  );
  const drifted = await world.run(["drift", "web"]);
  equal(drifted.code, 1);
  match(drifted.io.out(), /manual_drift\s+ConfigMap\/default\/web-config/);
  match(drifted.io.out(), /\.data\.greeting: last "hello", desired "hello", live "edited by hand"/);
});
