import { deepEqual, equal, ok } from "node:assert/strict";
import { parseDeployRecord, recordOf } from "../../src/deploys/mod.ts";
import { createEngine } from "../../src/engine/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../../src/manifests/mod.ts";
import { memoryLogger, seqIds } from "../../src/testing/mod.ts";
import { configMap, deployment, engineHarness, service } from "../_engine.ts";
import { clusterWith } from "../_cluster_with.ts";

const WIDGET_CRD: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [{
      name: "v1alpha1",
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
    }],
  },
};

const WIDGET: KubeObject = {
  apiVersion: "example.com/v1alpha1",
  kind: "Widget",
  metadata: { name: "w" },
  spec: { size: 1 },
};

Deno.test("a deploy that stops at a failure records the objects after it as skipped, not failed", async () => {
  // One object at a time, in plan order: what follows the failure is not started.
  await using t = await engineHarness({
    sandbox: { client: { retries: 1, sleep: () => Promise.resolve() } },
    engine: { applyConcurrency: 1 },
  });
  // The Service's apply fails once the ConfigMap is applied (after the preflight's dry run).
  const fault = { verb: "patch", resource: "services", status: 500, count: 100 } as const;
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [
      configMap("first"),
      service("web"),
      deployment("web", "example/web:1"),
      deployment("worker", "example/worker:1"),
    ],
  }, {
    onEvent: (e) => {
      if (e.type === "applied" && e.outcome.key === "ConfigMap/default/first") {
        t.h.sandbox.server.faults.add(fault);
      }
    },
  });
  equal(result.status, "failed");
  equal(result.error?.code, "KUBE_SERVER_ERROR");
  const [recorded] = await t.engine.history({ service: "web" });
  equal(recorded?.deployId, result.deployId);
  equal(recorded?.status, "failed");
  const logged = (await t.memory.export()).occurrences.find((o) =>
    o.data.deploy_id === result.deployId
  );
  ok(logged, "the deploy's occurrence is in the log");
  const seen = {
    result: result.resources,
    history: recorded?.resources ?? [],
    log: parseDeployRecord(logged.data.record).resources,
  };
  for (const [where, resources] of Object.entries(seen)) {
    deepEqual(resources.map((r) => [r.key, r.apiVersion, r.action]), [
      ["ConfigMap/default/first", "v1", "created"],
      ["Service/default/web", "v1", "failed"],
      ["Deployment.apps/default/web", "apps/v1", "skipped"],
      ["Deployment.apps/default/worker", "apps/v1", "skipped"],
    ], where);
    equal(resources[1]?.error?.code, "KUBE_SERVER_ERROR", `${where}: the error is an object`);
    for (const skipped of resources.slice(2)) {
      equal(skipped.error, undefined, `${where}: a skipped object did not fail`);
      equal(skipped.uid, undefined);
      ok(/not applied/.test(skipped.message ?? ""), String(skipped.message));
    }
  }
  for (const name of ["web", "worker"]) {
    const key = { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name };
    equal(await t.h.cluster.get(key), undefined, `the skipped Deployment ${name} was not applied`);
  }
  const context = await t.engine.context({ service: "web", namespace: "default" });
  deepEqual(context.failurePatterns, [], "a fault of the API server is no failure of the service");
});

Deno.test("a recorded deploy's objects carry the apiVersion, uid and resourceVersion the server returned", async () => {
  await using t = await engineHarness();
  const returned = new Map<string, KubeObject>();
  const real = t.h.cluster;
  const cluster = clusterWith(real, {
    async apply(obj, options) {
      const stored = await real.apply(obj, options);
      if (!options?.dryRun) returned.set(formatKey(keyOf(stored)), stored);
      return stored;
    },
  });
  const engine = createEngine({
    cluster,
    memory: t.memory,
    clock: t.h.clock,
    ids: seqIds("01REC"),
    log: memoryLogger(),
    sleep: t.h.sleep,
  });
  const result = await engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [WIDGET_CRD, configMap("c"), deployment("web", "example/web:1"), WIDGET],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  const [recorded] = await engine.history({ service: "web" });
  equal(recorded?.deployId, result.deployId);
  const resources = recorded?.resources ?? [];
  deepEqual(resources.map((r) => [r.key, r.apiVersion]), [
    [
      "CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com",
      "apiextensions.k8s.io/v1",
    ],
    ["ConfigMap/default/c", "v1"],
    ["Deployment.apps/default/web", "apps/v1"],
    ["Widget.example.com/default/w", "example.com/v1alpha1"],
  ]);
  for (const r of resources) {
    const stored = returned.get(r.key);
    ok(stored, `the server returned ${r.key}`);
    equal(r.apiVersion, stored.apiVersion);
    ok(r.uid, `${r.key} has a uid`);
    equal(r.uid, stored.metadata.uid);
    equal(r.resourceVersion, stored.metadata.resourceVersion);
    const live = await real.get(r);
    equal(live?.metadata.uid, r.uid, `${r.key}: the uid of the object in the cluster`);
  }
  deepEqual(
    result.resources.map((r) => [r.key, r.uid, r.resourceVersion]),
    resources.map((r) => [r.key, r.uid, r.resourceVersion]),
  );
});

Deno.test("a deploy result is the record memory keeps, plus dryRun and drift", async () => {
  await using t = await engineHarness();
  const manifests = [configMap("c"), deployment("web", "example/web:1.0")];
  const result = await t.engine.deploy({ service: "web", namespace: "default", manifests });
  equal(result.status, "completed", JSON.stringify(result.error));
  equal(result.dryRun, false);
  deepEqual(result.drift, []);
  equal(result.driftCount, 0);
  deepEqual(result.images, ["example/web:1.0"]);
  deepEqual(result.dependsOn, []);
  equal(
    result.finishedAt,
    new Date(Date.parse(result.startedAt) + result.durationMs).toISOString(),
  );
  ok(result.manifestsHash, "the hash of the manifest set memory stored");
  ok(await t.memory.manifests(result.manifestsHash), "memory holds the set under that hash");
  const [recorded] = await t.engine.history({ service: "web" });
  deepEqual(recorded, recordOf(result));
});

Deno.test("a dry run's result is not recorded and has no manifest hash", async () => {
  await using t = await engineHarness();
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("c")],
    dryRun: true,
  });
  equal(result.dryRun, true);
  equal(result.manifestsHash, undefined);
  equal(result.driftCount, 0);
  deepEqual(await t.engine.history({ service: "web" }), []);
});
