/** Memory holds only true facts (issue "Memory that decides better…", item 3), through the CLI. */
import { deepEqual, equal, match, notEqual, ok } from "node:assert/strict";
import { configMapYaml, deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";

const APP = (tag: string) => configMapYaml("web-config", `tag: "${tag}"`) + deploymentYaml(tag);

type Json = Record<string, unknown>;

Deno.test("context and explain find the namespace a service was deployed to", async () => {
  await using world = await cliWorld();
  const app = await world.write("app.yaml", APP("1.0"));
  const deploy = await world.run([
    "deploy",
    "-f",
    app,
    "-s",
    "web",
    "-n",
    "shop",
    "--create-namespace",
  ]);
  equal(deploy.code, 0, deploy.io.out() + deploy.io.err());
  const context = await world.run(["context", "web", "-o", "json"]);
  equal(context.code, 0, context.io.err());
  const json = JSON.parse(context.io.out()) as Json;
  equal(json["namespace"], "shop");
  equal(json["known"], true);
  const explain = await world.run(["explain", "web"]);
  match(explain.io.out(), /namespace "shop"/);
});

Deno.test("a refusal before anything was applied is recorded as refused and teaches nothing", async () => {
  await using world = await cliWorld();
  // Another tool owns the ConfigMap: Nopea refuses to take it over without --adopt.
  await world.sandbox.cluster.apply({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "web-config", namespace: "default" },
    data: { owner: "someone-else" },
  }, { fieldManager: "kubectl", force: false });
  const app = await world.write("app.yaml", APP("1.0"));
  const refused = await world.run(["deploy", "-f", app, "-s", "web", "-o", "json"]);
  notEqual(refused.code, 0);
  const result = JSON.parse(refused.io.out()) as Json;
  equal(result["status"], "refused", refused.io.out());
  equal((result["error"] as Json)["code"], "KUBE_CONFLICT");
  const context = JSON.parse((await world.run(["context", "web", "-o", "json"])).io.out()) as Json;
  deepEqual(context["failurePatterns"], []);
  equal(context["recommendedStrategy"], "direct");
  equal((context["dora"] as Json)["changeFailureRate"], null);
  const history = JSON.parse((await world.run(["history", "web", "-o", "json"])).io.out()) as {
    deploys: { status: string }[];
  };
  deepEqual(history.deploys.map((d) => d.status), ["refused"]);
});

Deno.test("--create-namespace works when the namespace already exists", async () => {
  await using world = await cliWorld();
  await world.sandbox.cluster.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } },
    { fieldManager: "kubectl", force: false },
  );
  const app = await world.write("app.yaml", APP("1.0"));
  const run = await world.run([
    "deploy",
    "-f",
    app,
    "-s",
    "web",
    "-n",
    "shop",
    "--create-namespace",
  ]);
  equal(run.code, 0, run.io.out() + run.io.err());
  const context = JSON.parse((await world.run(["context", "web", "-o", "json"])).io.out()) as Json;
  deepEqual(context["failurePatterns"], []);
});

Deno.test("after a rollback, drift compares against what the rollback applied", async () => {
  await using world = await cliWorld();
  const v1 = await world.write("v1.yaml", APP("1.0"));
  const v2 = await world.write("v2.yaml", APP("2.0"));
  equal((await world.run(["deploy", "-f", v1, "-s", "web"])).code, 0);
  equal((await world.run(["deploy", "-f", v2, "-s", "web"])).code, 0);
  const rollback = await world.run(["rollback", "web"]);
  equal(rollback.code, 0, rollback.io.out() + rollback.io.err());
  const drift = await world.run(["drift", "web", "-o", "json"]);
  equal(drift.code, 0, drift.io.out() + drift.io.err());
  const report = JSON.parse(drift.io.out()) as { drifted: number; resources: { drift: string }[] };
  equal(report.drifted, 0, JSON.stringify(report.resources));
});

Deno.test("DORA: a completed rollback ends the recovery and is no failure", async () => {
  await using world = await cliWorld();
  const good = await world.write("good.yaml", APP("1.0"));
  const broken = await world.write("broken.yaml", APP("broken"));
  equal((await world.run(["deploy", "-f", good, "-s", "web"])).code, 0);
  const failed = await world.run(["deploy", "-f", broken, "-s", "web", "--tolerance", "0s"]);
  equal(failed.code, 1, failed.io.out());
  equal((await world.run(["rollback", "web"])).code, 0);
  const context = JSON.parse((await world.run(["context", "web", "-o", "json"])).io.out()) as Json;
  const dora = context["dora"] as Json;
  equal(dora["deploys"], 3);
  equal(dora["changeFailureRate"], 0.333);
  ok(typeof dora["failedDeploymentRecoveryTimeMs"] === "number", JSON.stringify(dora));
});

Deno.test("FALSE occurrences carry the uid and resourceVersion the server gave", async () => {
  await using world = await cliWorld();
  const app = await world.write("app.yaml", APP("1.0"));
  equal((await world.run(["deploy", "-f", app, "-s", "web"])).code, 0);
  const exported = await world.run(["memory", "export"]);
  equal(exported.code, 0, exported.io.err());
  const [occurrence] = (JSON.parse(exported.io.out()) as {
    occurrences: { context: { entities: { id: string; version: string; name: string }[] } }[];
  }).occurrences;
  const entities = occurrence?.context.entities ?? [];
  equal(entities.length, 2);
  for (const e of entities) {
    match(e.id, /^[0-9a-f-]{36}$/, JSON.stringify(e));
    notEqual(e.version, "0");
  }
  const live = await world.sandbox.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "default",
    name: "web",
  });
  ok(entities.some((e) => e.id === live?.metadata.uid));
});

Deno.test("a service deployed to several namespaces: context takes the last, explain says so", async () => {
  await using world = await cliWorld();
  const app = await world.write("app.yaml", APP("1.0"));
  for (const ns of ["shop", "staging"]) {
    const run = await world.run(["deploy", "-f", app, "-s", "web", "-n", ns, "--create-namespace"]);
    equal(run.code, 0, run.io.out() + run.io.err());
  }
  const context = JSON.parse((await world.run(["context", "web", "-o", "json"])).io.out()) as Json;
  equal(context["namespace"], "staging");
  deepEqual(context["namespaces"], ["shop", "staging"]);
  const explain = await world.run(["explain", "web"]);
  match(
    explain.io.out(),
    /deployed to 2 namespaces \("shop", "staging"\); this is about "staging"/,
  );
  const shop = JSON.parse(
    (await world.run(["context", "web", "-n", "shop", "-o", "json"])).io.out(),
  );
  equal(shop.namespace, "shop");
});

Deno.test("a Secret's value cannot be recovered from the memory directory by hashing guesses", async () => {
  await using world = await cliWorld();
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: pin}\nstringData: {pin: "4821"}\n';
  const file = await world.write("secret.yaml", secret);
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const dir = `${world.dir}/.nopea`;
  const keyInfo = await Deno.stat(`${dir}/secret.key`);
  equal((keyInfo.mode ?? 0) & 0o777, 0o600);
  const digest = async (text: string) =>
    [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
  const guesses = [await digest("4821"), await digest(btoa("4821")), btoa("4821")];
  let stored = "";
  for await (const entry of Deno.readDir(`${dir}/manifests`)) {
    stored += await Deno.readTextFile(`${dir}/manifests/${entry.name}`);
  }
  stored += await Deno.readTextFile(`${dir}/occurrences.ndjson`);
  match(stored, /hmac-sha256:[0-9a-f]{64}/);
  for (const guess of guesses) equal(stored.includes(guess), false, guess);
});

Deno.test("a hand edit to a Secret's value is drift, compared through memory's keyed hashes", async () => {
  await using world = await cliWorld();
  const secrets =
    'apiVersion: v1\nkind: Secret\nmetadata: {name: pin}\nstringData: {pin: "4821"}\n' +
    "---\napiVersion: v1\nkind: Secret\nmetadata: {name: token}\ndata: {token: " + btoa("t0k") +
    "}\n";
  const file = await world.write("secrets.yaml", secrets);
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  const clean = JSON.parse((await world.run(["drift", "web", "-o", "json"])).io.out());
  equal(clean.drifted, 0, JSON.stringify(clean.resources));
  await world.sandbox.cluster.patch(
    { apiVersion: "v1", kind: "Secret", namespace: "default", name: "pin" },
    { data: { pin: btoa("0000") } },
  );
  const drift = await world.run(["drift", "web", "-o", "json"]);
  equal(drift.code, 1, drift.io.out());
  const report = JSON.parse(drift.io.out()) as { resources: { key: string; drift: string }[] };
  deepEqual(report.resources.filter((r) => r.drift !== "no_drift").map((r) => r.key), [
    "Secret/default/pin",
  ]);
  equal(drift.io.out().includes("0000") || drift.io.out().includes(btoa("0000")), false);
  const heal = await world.run(["heal", "web", "-o", "json"]);
  const healed = JSON.parse(heal.io.out()) as { healed: string[]; skipped: { reason: string }[] };
  deepEqual(healed.healed, []);
  match(healed.skipped[0]?.reason ?? "", /memory keeps no Secret values/);
});
