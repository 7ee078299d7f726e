import { deepEqual } from "node:assert/strict";
import { join } from "node:path";
import { type KubeObject, loadManifestFiles } from "../../src/manifests/mod.ts";
import { imagesOf } from "../../src/plan/mod.ts";

const FIXTURES = new URL("../fixtures/manifests/", import.meta.url).pathname;

function podSpec(...images: string[]) {
  return { containers: images.map((image, i) => ({ name: `c${i}`, image })) };
}

Deno.test("imagesOf() finds container and init-container images wherever pod specs live", async (t) => {
  const cases: [string, KubeObject[], string[]][] = [
    ["a Pod", [{
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: podSpec("b:1", "a:1"),
    }], ["a:1", "b:1"]],
    [
      "a Deployment with init containers",
      [{
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "d" },
        spec: {
          template: {
            spec: { ...podSpec("app:2"), initContainers: [{ name: "i", image: "init:1" }] },
          },
        },
      }],
      ["app:2", "init:1"],
    ],
    [
      "a CronJob",
      [{
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "c" },
        spec: { jobTemplate: { spec: { template: { spec: podSpec("job:3") } } } },
      }],
      ["job:3"],
    ],
    [
      "a custom resource shaped like a workload (KULTA Rollout)",
      [{
        apiVersion: "kulta.io/v1alpha1",
        kind: "Rollout",
        metadata: { name: "r" },
        spec: { template: { spec: podSpec("r:1") } },
      }],
      ["r:1"],
    ],
    [
      "duplicates across objects, and containers without images",
      [
        { apiVersion: "v1", kind: "Pod", metadata: { name: "p1" }, spec: podSpec("same:1") },
        {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "p2" },
          spec: { containers: [{ name: "x" }, { name: "y", image: "same:1" }] },
        },
      ],
      ["same:1"],
    ],
    ["objects without pod specs", [{
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { containers: "x" },
    }], []],
  ];
  for (const [name, objects, expected] of cases) {
    await t.step(name, () => deepEqual(imagesOf(objects), expected));
  }
  await t.step("the app fixture", async () => {
    const loaded = await loadManifestFiles([join(FIXTURES, "app.yaml")]);
    deepEqual(imagesOf(loaded.objects.map((o) => o.object)), ["ghcr.io/example/web:1.4.0"]);
  });
});
