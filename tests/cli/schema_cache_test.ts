/**
 * `nopea deploy` keeps the schema checks' verdicts in `.nopea/cache/schema-checks.json`: an
 * unchanged file is not checked against the schemas again, an edited one is.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { SCHEMA_CHECKER, schemaDigest } from "../../src/manifests/mod.ts";
import { cliWorld } from "../_cli.ts";

const app = (replicas: string) =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: example/web:1.0}]}
`;

Deno.test("a deploy keeps the verdicts of its files; an edited file is checked again", async () => {
  await using world = await cliWorld({ readyDelayMs: 0 });
  const file = await world.write("app.yaml", app("2"));
  const first = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(first.code, 0, first.io.err());
  const kept = JSON.parse(await Deno.readTextFile(`${world.dir}/.nopea/cache/schema-checks.json`));
  deepEqual(kept.passed, [schemaDigest(app("2"), kept.key)]);

  await world.write("app.yaml", app("two"));
  const edited = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(edited.code, 2, edited.io.out());
  match(edited.io.err(), /line 6.*field "spec\.replicas" must be an integer/s);
});

Deno.test("a forged verdict gets no invalid object applied: the API server refuses it first", async () => {
  await using world = await cliWorld({ readyDelayMs: 0 });
  const file = await world.write("app.yaml", app("2"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const key = "ab".repeat(32);
  const forged = { checker: SCHEMA_CHECKER, key, passed: [schemaDigest(app("two"), key)] };
  await world.write(".nopea/cache/schema-checks.json", JSON.stringify(forged));
  await world.write("app.yaml", app("two"));
  const run = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(run.code, 2, run.io.out());
  match(run.io.err(), /the cluster rejected it as invalid.*spec\.replicas/);
  const live = await world.sandbox.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    name: "web",
    namespace: "default",
  });
  equal((live?.["spec"] as { replicas?: number } | undefined)?.replicas, 2);
});
