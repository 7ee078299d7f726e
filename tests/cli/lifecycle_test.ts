/** Prune, delete and atomic deploys through the CLI against the sandbox. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";

const CONFIG = (name: string, extra = "") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data: {a: "1"}\n---\n`;
const WEB = (tag: string) => deploymentYaml(tag);
const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", namespace: "default", name });
type Result = { status: string; resources: { key: string; action: string }[]; warnings: string[] };

Deno.test("prune: an object dropped from the manifests is deleted once the new version is ready", async () => {
  await using world = await cliWorld();
  const v1 = await world.write("v1.yaml", CONFIG("old") + CONFIG("kept") + WEB("1.0"));
  equal((await world.run(["deploy", "-f", v1, "-s", "web"])).code, 0);
  const v2 = await world.write("v2.yaml", CONFIG("kept") + WEB("2.0"));
  const diff = await world.run(["diff", "-f", v2, "-s", "web"]);
  match(diff.io.out(), /ConfigMap\/default\/old/);
  const run = await world.run(["deploy", "-f", v2, "-s", "web", "-o", "json"]);
  equal(run.code, 0, run.io.out() + run.io.err());
  const result = JSON.parse(run.io.out()) as Result;
  deepEqual(result.resources.filter((r) => r.action === "deleted").map((r) => r.key), [
    "ConfigMap/default/old",
  ]);
  equal(await world.sandbox.cluster.get(cm("old")), undefined);
  ok(await world.sandbox.cluster.get(cm("kept")));
  const drift = JSON.parse((await world.run(["drift", "web", "-o", "json"])).io.out());
  equal(drift.drifted, 0, JSON.stringify(drift.resources));
});

Deno.test("prune skips objects annotated nopea.io/prune: disabled and honours --prune false", async () => {
  await using world = await cliWorld();
  const keep = `metadata:\n  name: pinned\n  annotations: {nopea.io/prune: disabled}\n`;
  const pinned = `apiVersion: v1\nkind: ConfigMap\n${keep}data: {a: "1"}\n---\n`;
  const v1 = await world.write("v1.yaml", pinned + CONFIG("old") + WEB("1.0"));
  equal((await world.run(["deploy", "-f", v1, "-s", "web"])).code, 0);
  const v2 = await world.write("v2.yaml", WEB("2.0"));
  const noPrune = await world.run(["deploy", "-f", v2, "-s", "web", "--prune", "false"]);
  equal(noPrune.code, 0, noPrune.io.err());
  ok(await world.sandbox.cluster.get(cm("old")), "--prune false keeps it");
  const run = await world.run(["deploy", "-f", v2, "-s", "web", "-o", "json"]);
  const result = JSON.parse(run.io.out()) as Result;
  ok(await world.sandbox.cluster.get(cm("pinned")));
  equal(await world.sandbox.cluster.get(cm("old")), undefined);
  ok(
    result.warnings.some((w) => /pinned.*nopea\.io\/prune: disabled/.test(w)),
    result.warnings.join("\n"),
  );
  const bad = await world.run(["deploy", "-f", v2, "-s", "web", "--prune", "maybe"]);
  equal(bad.code, 2);
  match(bad.io.err(), /--prune takes true or false/);
});

Deno.test("nopea delete removes the service's objects, waits, and memory keeps its history", async () => {
  await using world = await cliWorld();
  const app = await world.write("app.yaml", CONFIG("web-config") + WEB("1.0"));
  equal((await world.run(["deploy", "-f", app, "-s", "web"])).code, 0);
  const dry = await world.run(["delete", "web", "--dry-run"]);
  equal(dry.code, 0, dry.io.err());
  ok(await world.sandbox.cluster.get(cm("web-config")), "a dry run deletes nothing");
  const run = await world.run(["delete", "web"]);
  equal(run.code, 0, run.io.out() + run.io.err());
  match(run.io.out(), /✓ Deleted service "web" from namespace "default"/);
  equal(await world.sandbox.cluster.get(cm("web-config")), undefined);
  const deploy = { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "web" };
  equal(await world.sandbox.cluster.get(deploy), undefined);
  const history = JSON.parse((await world.run(["history", "web", "-o", "json"])).io.out());
  equal(history.deploys.length, 2);
  const restore = await world.run(["rollback", "web"]);
  equal(restore.code, 0, restore.io.out() + restore.io.err());
  match(restore.io.out(), /✓ Rolled back service "web"/);
  ok(await world.sandbox.cluster.get(cm("web-config")), "a rollback after delete restores it");
});

Deno.test("--atomic rolls a failed deploy back to the last completed one by itself", async () => {
  await using world = await cliWorld();
  const good = await world.write("good.yaml", CONFIG("web-config") + WEB("1.0"));
  equal((await world.run(["deploy", "-f", good, "-s", "web"])).code, 0);
  const broken = await world.write("broken.yaml", CONFIG("web-config") + WEB("broken"));
  const run = await world.run([
    "deploy",
    "-f",
    broken,
    "-s",
    "web",
    "--atomic",
    "--tolerance",
    "0s",
    "--strategy",
    "direct",
  ]);
  equal(run.code, 1, run.io.out());
  match(run.io.out(), /--atomic rolled it back/);
  match(run.io.out(), /✓ Rolled back service "web"/);
  const live = await world.sandbox.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "default",
    name: "web",
  });
  const spec = live?.["spec"] as { template: { spec: { containers: { image: string }[] } } };
  equal(spec.template.spec.containers[0]?.image, "example/web:1.0");
  const history = JSON.parse((await world.run(["history", "web", "-o", "json"])).io.out());
  deepEqual(history.deploys.map((d: { status: string }) => d.status), [
    "rolledback",
    "failed",
    "completed",
  ]);
});

Deno.test("a failed deploy without --atomic says what is at the new version and how to roll back", async () => {
  await using world = await cliWorld();
  const good = await world.write("good.yaml", WEB("1.0"));
  equal((await world.run(["deploy", "-f", good, "-s", "web"])).code, 0);
  const broken = await world.write("broken.yaml", WEB("broken"));
  const run = await world.run([
    "deploy",
    "-f",
    broken,
    "-s",
    "web",
    "--tolerance",
    "0s",
    "--strategy",
    "direct",
  ]);
  equal(run.code, 1);
  match(
    run.io.out(),
    /Now at the new version: Deployment\.apps\/default\/web\. Roll back with `nopea rollback web`/,
  );
});

Deno.test("ApplySet (KEP-3659): members carry part-of, a parent names the set, delete removes it", async () => {
  await using world = await cliWorld();
  const app = await world.write("app.yaml", CONFIG("web-config") + WEB("1.0"));
  equal((await world.run(["deploy", "-f", app, "-s", "web"])).code, 0);
  const parent = await world.sandbox.cluster.get(cm("applyset-web"));
  const id = parent?.metadata.labels?.["applyset.kubernetes.io/id"] ?? "";
  match(id, /^applyset-[A-Za-z0-9_-]{43}-v1$/);
  equal(parent?.metadata.annotations?.["applyset.kubernetes.io/tooling"], "nopea/v0.1.0");
  equal(
    parent?.metadata.annotations?.["applyset.kubernetes.io/contains-group-kinds"],
    "ConfigMap,Deployment.apps",
  );
  const members = await world.sandbox.cluster.list("v1", "ConfigMap", {
    namespace: "default",
    labelSelector: `applyset.kubernetes.io/part-of=${id}`,
  });
  deepEqual(members.map((m) => m.metadata.name), ["web-config"]);
  equal((await world.run(["delete", "web"])).code, 0);
  equal(await world.sandbox.cluster.get(cm("applyset-web")), undefined);
});
