/** Nothing is applied when the API server would refuse any object of the deploy. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { configMapYaml, deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";

/** A valid ConfigMap, then a Deployment whose selector does not match its pod labels. */
const CONFIG_THEN_BAD_DEPLOYMENT = configMapYaml("web-config", "greeting: hello") +
  deploymentYaml("1.0").replace("labels: {app: web}", "labels: {app: other}");

Deno.test("an object the API server rejects stops the deploy before anything is applied", async () => {
  await using world = await cliWorld();
  const file = await world.write("configmap-then-bad-deployment.yaml", CONFIG_THEN_BAD_DEPLOYMENT);
  const run = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(run.code, 2, run.io.out() + run.io.err());
  const err = run.io.err();
  match(err, /configmap-then-bad-deployment\.yaml" document 2/);
  match(err, /selector/);
  ok(!/\n\s+at /.test(err), err);
  const cm = await world.sandbox.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "web-config",
  });
  equal(cm, undefined);
  const history = JSON.parse((await world.run(["history", "web", "-o", "json"])).io.out()) as {
    deploys: unknown[];
  };
  deepEqual(history.deploys, []);
});

Deno.test("an object another tool manages is refused before any other object is applied", async () => {
  await using world = await cliWorld();
  await world.sandbox.cluster.apply({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "example/web:0.9" }] },
      },
    },
  }, { fieldManager: "helm", force: false });
  const good = CONFIG_THEN_BAD_DEPLOYMENT.replace("labels: {app: other}", "labels: {app: web}");
  const file = await world.write("app.yaml", good);
  const run = await world.run(["deploy", "-f", file, "-s", "web", "-o", "json"]);
  equal(run.code, 1, run.io.out() + run.io.err());
  equal(JSON.parse(run.io.out()).status, "refused");
  const cm = await world.sandbox.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "web-config",
  });
  equal(cm, undefined, "the ConfigMap, ordered before the Deployment, was not applied");
});

Deno.test("a kind the cluster does not serve is named with its file and document", async () => {
  await using world = await cliWorld();
  const file = await world.write(
    "unknown-kind.yaml",
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n" +
      "apiVersion: example.com/v1\nkind: NoSuchKind\nmetadata: {name: b}\n",
  );
  const run = await world.run(["deploy", "-f", file, "-s", "web"]);
  equal(run.code, 2, run.io.out() + run.io.err());
  match(run.io.err(), /unknown-kind\.yaml" document 2 \(line 5\): kind "NoSuchKind"/);
});

Deno.test("a deploy that could not be recorded fails before applying anything, exit 3", async () => {
  await using world = await cliWorld();
  // A file where the memory directory should be: nothing can be recorded there.
  const blocker = await world.write("not-a-dir", "x");
  const file = await world.write(
    "app.yaml",
    CONFIG_THEN_BAD_DEPLOYMENT.replace("app: other", "app: web"),
  );
  const run = await world.run(["deploy", "-f", file, "-s", "web"], {
    env: { NOPEA_MEMORY_DIR: `${blocker}/.nopea` },
  });
  equal(run.code, 3, run.io.out() + run.io.err());
  match(run.io.err(), /MEMORY_IO.*Cannot record to memory/);
  const cm = await world.sandbox.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "web-config",
  });
  equal(cm, undefined);
});
