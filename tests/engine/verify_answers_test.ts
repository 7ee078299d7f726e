import { deepEqual, equal } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { memoryLogger, seqIds, startHttpSandbox } from "../../src/testing/mod.ts";
import { clusterWith } from "../_cluster_with.ts";
import { configMap, deployment, namespace } from "../_engine.ts";

/**
 * An engine whose cluster answers like a mutating webhook: the ConfigMap's `a` and the
 * Deployment's image come back changed. The ConfigMap's answer is held until the Deployment's
 * has arrived, so the answers arrive in the reverse of the plan's order.
 */
async function webhookEngine() {
  const h = await startHttpSandbox({ controllers: { readyDelayMs: 1000 } });
  let deploymentAnswered!: () => void;
  const answered = new Promise<void>((resolve) => deploymentAnswered = resolve);
  const cluster = clusterWith(h.cluster, {
    async apply(obj, options) {
      if (obj.kind === "ConfigMap") await answered;
      const answer = structuredClone(await h.cluster.apply(obj, options)) as KubeObject;
      if (obj.kind === "ConfigMap") answer["data"] = { a: "changed" };
      if (obj.kind === "Deployment") {
        const spec = answer["spec"] as { template: { spec: { containers: { image: string }[] } } };
        spec.template.spec.containers[0]!.image = "example/web@sha256:ab12";
        deploymentAnswered();
      }
      return answer;
    },
  });
  const memory = createMemory(new InMemoryMemoryStore(), { clock: h.clock, ids: seqIds("01OCC") });
  const engine = createEngine({
    cluster,
    memory,
    clock: h.clock,
    ids: seqIds("01DEP"),
    log: memoryLogger(),
    sleep: h.sleep,
  });
  return { engine, [Symbol.asyncDispose]: () => h.close() };
}

Deno.test("deploy() verifies each answer as it arrives and reports drift in the plan's order", async () => {
  await using t = await webhookEngine();
  const manifests = [
    namespace("shop"),
    configMap("web-config"),
    deployment("web", "example/web:1"),
  ];
  const result = await t.engine.deploy({ service: "web", namespace: "shop", manifests });
  equal(result.status, "completed", JSON.stringify(result.error));
  equal(result.verified, true);
  deepEqual(result.drift, [
    { resource: "ConfigMap/shop/web-config", path: ".data.a", sent: "1", stored: "changed" },
    {
      resource: "Deployment.apps/shop/web",
      path: '.spec.template.spec.containers[name="app"].image',
      sent: "example/web:1",
      stored: "example/web@sha256:ab12",
    },
  ]);
  deepEqual(result.resources.map((r) => r.readiness), ["ready", "ready", "ready"]);
});
