/** HorizontalPodAutoscaler through autoscaling/v1 and v2: one stored object, kube's conversion. */
import { deepEqual, equal } from "node:assert/strict";
import type { RequestScope } from "../../../src/sandbox/api_types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { newCore } from "./_fixtures.ts";

const at = (version: string, extra: Partial<RequestScope> = {}): RequestScope => ({
  group: "autoscaling",
  version,
  plural: "horizontalpodautoscalers",
  namespace: "default",
  ...extra,
});
const target = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
const cpuNow = (averageUtilization: number) => ({
  type: "Resource",
  resource: { name: "cpu", current: { averageUtilization } },
});
const rps = { type: "Pods", pods: { metric: { name: "rps" }, current: { averageValue: "7" } } };
const conditions = [{ type: "AbleToScale", status: "True", reason: "SucceededRescale" }];

function v2Status(): JsonObject {
  return {
    currentReplicas: 3,
    desiredReplicas: 4,
    currentMetrics: [cpuNow(91), rps],
    conditions,
  };
}

Deno.test("an autoscaler's v2 status reads through v1 with the CPU figure, and back", () => {
  const { core } = newCore();
  core.create(at("v2"), {
    metadata: { name: "web" },
    spec: { scaleTargetRef: target, maxReplicas: 5 },
  });
  const named = at("v2", { name: "web", subresource: "status" });
  core.patch(named, "merge", { status: v2Status() });
  const v1 = core.get(at("v1", { name: "web" }));
  deepEqual(v1["status"], {
    currentReplicas: 3,
    desiredReplicas: 4,
    currentCPUUtilizationPercentage: 91,
  });
  const annotations = (v1["metadata"] as JsonObject)["annotations"] as Record<string, string>;
  deepEqual(JSON.parse(annotations["autoscaling.alpha.kubernetes.io/conditions"]!), conditions);
  equal((v1["spec"] as JsonObject)["minReplicas"], 1);
  const v1Status = at("v1", { name: "web", subresource: "status" });
  core.patch(v1Status, "merge", { status: { currentCPUUtilizationPercentage: 50 } });
  const v2 = core.get(at("v2", { name: "web" }));
  deepEqual(v2["status"], {
    ...v2Status(),
    currentMetrics: [cpuNow(50), rps],
  });
  equal((v2["metadata"] as JsonObject)["annotations"], undefined);
});

Deno.test("a v1 watch sees v2 writes converted", () => {
  const { core } = newCore();
  const seen: unknown[] = [];
  const stop = core.watch(at("v1"), {}, (e) => seen.push(e.object["spec"] as JsonObject));
  core.create(at("v2"), {
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: target,
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 75 } },
      }],
    },
  });
  stop();
  deepEqual(seen, [{
    scaleTargetRef: target,
    minReplicas: 2,
    maxReplicas: 5,
    targetCPUUtilizationPercentage: 75,
  }]);
});

Deno.test("an autoscaler with no metrics aims at 80% CPU, through either version", () => {
  const { core } = newCore();
  for (const [version, name] of [["v1", "one"], ["v2", "two"]] as const) {
    core.create(at(version), {
      metadata: { name },
      spec: { scaleTargetRef: target, maxReplicas: 3 },
    });
    const v1 = core.get(at("v1", { name }));
    equal((v1["spec"] as JsonObject)["targetCPUUtilizationPercentage"], 80);
  }
});

Deno.test("a v1 write of an autoscaler with only non-CPU metrics adds no CPU target", () => {
  const { core } = newCore();
  const rps = {
    type: "Pods",
    pods: { metric: { name: "rps" }, target: { type: "AverageValue", averageValue: "10" } },
  };
  core.create(at("v2"), {
    metadata: { name: "web" },
    spec: { scaleTargetRef: target, maxReplicas: 3, metrics: [rps] },
  });
  const v1 = core.get(at("v1", { name: "web" }));
  core.replace(at("v1", { name: "web" }), v1);
  deepEqual((core.get(at("v2", { name: "web" }))["spec"] as JsonObject)["metrics"], [rps]);
});
