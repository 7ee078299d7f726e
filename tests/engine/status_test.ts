import { deepEqual, equal } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { createEngine } from "../../src/engine/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { fixedClock, memoryLogger, seqIds } from "../../src/testing/mod.ts";
import { configMap, engineHarness } from "../_engine.ts";

const CRD: KubeObject = {
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

Deno.test("status() reads every object of the last deploy live, custom resources included", async () => {
  await using t = await engineHarness();
  const widget = {
    apiVersion: "example.com/v1alpha1",
    kind: "Widget",
    metadata: { name: "w" },
    spec: { size: 1 },
  };
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [CRD, configMap("c"), widget],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  const status = await t.engine.status({ service: "web" });
  deepEqual(status.resources.map((r) => [r.key, r.apiVersion, r.state]), [
    [
      "CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com",
      "apiextensions.k8s.io/v1",
      "ready",
    ],
    ["ConfigMap/default/c", "v1", "ready"],
    ["Widget.example.com/default/w", "example.com/v1alpha1", "ready"],
  ]);
  deepEqual(
    status.resources.map((r) => r.apiVersion),
    status.lastDeploy.resources.map((r) => r.apiVersion),
    "the apiVersion the deploy recorded, not a guess",
  );
  equal(status.healthy, true);
  await t.h.cluster.delete({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "c",
  });
  const after = await t.engine.status({ service: "web" });
  equal(after.resources.find((r) => r.kind === "ConfigMap")?.state, "missing");
  equal(after.healthy, false);
});

Deno.test("health() is degraded, not an error, when the cluster port cannot even start", async () => {
  const clock = fixedClock("2026-01-01T00:00:00Z");
  const broken = () => {
    throw new Error("Cannot load kubeconfig: none of the KUBECONFIG files exist");
  };
  const cluster = {
    discover: broken,
    get: broken,
    list: broken,
    apply: broken,
    patch: broken,
    delete: broken,
    watch: broken,
  };
  const engine = createEngine({
    cluster,
    memory: createMemory(new InMemoryMemoryStore(), { clock }),
    clock,
    ids: seqIds(),
    log: memoryLogger(),
    sleep: () => Promise.resolve(),
  });
  const report = await engine.health();
  equal(report.status, "degraded");
  equal(report.cluster.reachable, false);
  equal(report.memory.readable, true);
});
