import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { SandboxCluster } from "../../../src/sandbox/core/mod.ts";
import type { WatchEvent } from "../../../src/kube/mod.ts";
import type { KubeObject } from "../../../src/manifests/mod.ts";
import { isNopeaError } from "../../../src/shared/mod.ts";
import { newCore, widgetCrd } from "./_fixtures.ts";

function setup() {
  const { core, clock } = newCore();
  return { core, clock, cluster: new SandboxCluster(core) };
}

function cm(name: string, data: Record<string, string> = { a: "1" }): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data };
}

const KEY = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a" };

Deno.test("SandboxCluster.discover() resolves kinds through the registry", async () => {
  const { cluster } = setup();
  deepEqual(await cluster.discover("apps/v1", "Deployment"), {
    group: "apps",
    version: "v1",
    kind: "Deployment",
    plural: "deployments",
    namespaced: true,
    subresources: ["status", "scale"],
  });
  equal(await cluster.discover("example.com/v1", "Widget"), undefined);
});

Deno.test("SandboxCluster applies with field manager nopea, then gets and lists", async () => {
  const { cluster } = setup();
  const applied = await cluster.apply(cm("a"));
  equal(applied.metadata.managedFields?.[0]?.manager, "nopea");
  equal(applied.metadata.managedFields?.[0]?.operation, "Apply");
  equal((await cluster.get(KEY))?.metadata.uid, applied.metadata.uid);
  equal(await cluster.get({ ...KEY, name: "missing" }), undefined);
  const listed = await cluster.list("v1", "ConfigMap", { namespace: "default" });
  deepEqual(listed.map((o) => o.metadata.name), ["a"]);
  const dry = await cluster.apply(cm("dry"), { dryRun: true });
  equal(dry.metadata.name, "dry");
  equal(await cluster.get({ ...KEY, name: "dry" }), undefined);
});

Deno.test("SandboxCluster turns a field conflict into KUBE_CONFLICT, and force takes over", async () => {
  const { cluster } = setup();
  await cluster.apply(cm("a"));
  await cluster.patch(KEY, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
  await rejects(
    cluster.apply(cm("a", { a: "2" })),
    (e) =>
      isNopeaError(e) && e.code === "KUBE_CONFLICT" &&
      e.message ===
        'Cannot apply ConfigMap "a" in namespace "default": field manager conflict on ".data.a" (owned by "kubectl-edit" using v1)',
  );
  const forced = await cluster.apply(cm("a", { a: "2" }), { force: true });
  deepEqual(forced["data"], { a: "2" });
});

Deno.test("SandboxCluster.patch() supports merge, json and the status subresource", async () => {
  const { cluster } = setup();
  await cluster.apply(cm("a"));
  const merged = await cluster.patch(KEY, { data: { b: "2" } });
  deepEqual(merged["data"], { a: "1", b: "2" });
  const json = await cluster.patch(KEY, [{ op: "remove", path: "/data/a" }], { type: "json" });
  deepEqual(json["data"], { b: "2" });
  const deploy: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d", namespace: "default", labels: { app: "d" } },
    spec: {
      selector: { matchLabels: { app: "d" } },
      template: {
        metadata: { labels: { app: "d" } },
        spec: { containers: [{ name: "c", image: "i" }] },
      },
    },
  };
  await cluster.apply(deploy);
  const key = { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "d" };
  const status = await cluster.patch(key, { status: { replicas: 1 } }, { subresource: "status" });
  deepEqual(status["status"], { replicas: 1 });
});

Deno.test("SandboxCluster.delete() returns false when there is nothing to delete", async () => {
  const { cluster } = setup();
  await cluster.apply(cm("a"));
  equal(await cluster.delete(KEY), true);
  equal(await cluster.delete(KEY), false);
});

Deno.test("SandboxCluster names kinds the cluster does not serve", async () => {
  const { cluster } = setup();
  const widget: KubeObject = {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w" },
  };
  await rejects(
    cluster.apply(widget),
    (e) =>
      isNopeaError(e) && e.code === "KUBE_NOT_FOUND_KIND" &&
      e.message ===
        'Cannot apply Widget "w": the cluster does not serve kind "Widget" in apiVersion "example.com/v1"',
  );
  await rejects(
    cluster.get({ apiVersion: "example.com/v1", kind: "Widget", name: "w" }),
    (e) => isNopeaError(e) && e.code === "KUBE_NOT_FOUND_KIND",
  );
  await cluster.apply(widgetCrd() as KubeObject);
  ok(await cluster.discover("example.com/v1", "Widget"));
  ok(await cluster.apply({ ...widget, metadata: { name: "w", namespace: "default" } }));
});

Deno.test("SandboxCluster maps other Status failures with errorFromStatus", async () => {
  const { cluster } = setup();
  await rejects(
    cluster.apply({ ...cm("a"), metadata: { name: "a", namespace: "missing" } }),
    (e) => isNopeaError(e) && e.code === "KUBE_NOT_FOUND",
  );
  await rejects(
    cluster.apply(cm("Bad_Name")),
    (e) => isNopeaError(e) && e.code === "KUBE_INVALID" && e.message.includes("metadata.name"),
  );
  cluster.failNext("get", { code: 503, reason: "ServiceUnavailable", message: "try later" });
  await rejects(cluster.get(KEY), (e) => isNopeaError(e) && e.code === "KUBE_SERVER_ERROR");
  equal(await cluster.get(KEY), undefined);
});

Deno.test("SandboxCluster.watch() reports changes after the start until stopped", async () => {
  const { cluster } = setup();
  await cluster.apply(cm("before"));
  const events: WatchEvent[] = [];
  const handle = await cluster.watch(
    "v1",
    "ConfigMap",
    { namespace: "default" },
    (e) => events.push(e),
  );
  await cluster.apply(cm("a"));
  await cluster.delete(KEY);
  handle.stop();
  await handle.done;
  await cluster.apply(cm("after"));
  deepEqual(events.map((e) => `${e.type} ${e.object.metadata.name}`), ["ADDED a", "DELETED a"]);
});
