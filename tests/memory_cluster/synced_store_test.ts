import { deepEqual, equal, ok } from "node:assert/strict";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import { startHttpSandbox } from "../../src/testing/mod.ts";
import { buildRecord } from "../memory/_factory.ts";
import { configMapManifest, machine, scratch } from "./_machines.ts";

Deno.test("a deploy recorded on one machine is in the context and history of another", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  const two = machine(h, tmp.dir("b"), "b");
  const result = await one.engine.deploy({
    service: "web",
    manifests: configMapManifest("web", "1"),
  });
  equal(result.status, "completed");
  const history = await two.engine.history({ service: "web" });
  deepEqual(history.map((r) => r.deployId), [result.deployId]);
  equal((await two.engine.context({ service: "web" })).recentDeploys.length, 1);
  deepEqual([one.warnings(), two.warnings()], [[], []]);
});

Deno.test("sync merges by occurrence id: repeated syncs pull and push nothing new", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  const two = machine(h, tmp.dir("b"), "b");
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "1") });
  await two.engine.deploy({ service: "api", manifests: configMapManifest("api", "1") });
  deepEqual(await one.store.sync(), { pulled: 1, pushed: 0 });
  deepEqual(await one.store.sync(), { pulled: 0, pushed: 0 });
  // two pulled web before deploying api (a deploy reads memory first).
  deepEqual(await two.store.sync(), { pulled: 0, pushed: 0 });
  const stats = await one.store.syncStats();
  deepEqual([stats.cluster.occurrences, stats.pending], [2, 0]);
  equal((await one.memory.stats()).occurrences, 2);
  equal((await two.memory.stats()).occurrences, 2);
});

const SERVICE_YAML = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n" +
  "spec: {selector: {app: web}, ports: [{port: 80}]}\n";

Deno.test("a deploy completes while the cluster refuses memory; it says so and the next sync pushes", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  h.sandbox.server.faults.add({ resource: "configmaps", status: 403 });
  const result = await one.engine.deploy({ service: "web", manifests: SERVICE_YAML });
  equal(result.status, "completed");
  const pushWarning = one.warnings().find((w) => w.includes("push memory"));
  ok(pushWarning?.includes("the next sync pushes it"), String(one.warnings()));
  ok(pushWarning?.includes("deploy/rbac/nopea-deployer.yaml"), String(pushWarning));
  ok(pushWarning?.includes('permission "get" on "configmaps"'), String(pushWarning));
  h.sandbox.server.faults.clear();
  deepEqual(await one.store.sync(), { pulled: 0, pushed: 1 });
  equal((await one.store.syncStats()).cluster.occurrences, 1);
});

Deno.test("a memory directory pointed at another cluster reads that cluster from the start", async () => {
  await using first = await startHttpSandbox();
  await using second = await startHttpSandbox();
  await using tmp = await scratch();
  const writer = machine(second, tmp.dir("writer"), "w");
  await writer.engine.deploy({ service: "api", manifests: configMapManifest("api", "1") });
  const before = machine(first, tmp.dir("a"), "a");
  await before.engine.deploy({ service: "web", manifests: configMapManifest("web", "1") });
  await before.engine.deploy({ service: "web", manifests: configMapManifest("web", "2") });
  const after = machine(second, tmp.dir("a"), "a");
  deepEqual(await after.store.sync(), { pulled: 1, pushed: 2 });
  equal((await after.engine.history({ service: "api" })).length, 1);
});

Deno.test("a deploy recorded with the file store alone is pushed by the next memory sync", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "1") });
  const fileOnly = createMemory(new FileMemoryStore(tmp.dir("a"), { clock: h.clock }), {
    clock: h.clock,
  });
  await fileOnly.record(buildRecord({ deployId: "01DEPLOYOFFLINE", service: "web" }));
  deepEqual(await machine(h, tmp.dir("a"), "a").store.sync(), { pulled: 0, pushed: 1 });
  const other = machine(h, tmp.dir("b"), "b");
  equal((await other.engine.history({ service: "web" })).length, 2);
});

Deno.test("a rollback on another machine finds the manifests the first machine deployed", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "1") });
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "2") });
  const two = machine(h, tmp.dir("b"), "b");
  const result = await two.engine.rollback({ service: "web" });
  equal(result.status, "rolledback", JSON.stringify(result.error));
  const live = await h.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "web",
  });
  deepEqual(live?.["data"], { v: "1" });
  deepEqual(two.warnings(), []);
});

const SECRET_YAML = "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\n" +
  'stringData: {password: "s3cret"}\n';

Deno.test("every machine masks Secret values with the cluster's key: no false drift elsewhere", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  const two = machine(h, tmp.dir("b"), "b");
  await one.engine.deploy({ service: "creds", manifests: SECRET_YAML });
  deepEqual(await two.store.secretKey(), await one.store.secretKey());
  const report = await two.engine.drift({ service: "creds" });
  equal(report.drifted, 0, JSON.stringify(report.resources));
});
