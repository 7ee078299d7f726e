/**
 * `kubectl autoscale` (an autoscaling/v1 HorizontalPodAutoscaler, served beside v2: one object
 * seen through both versions).
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { stringify } from "yaml";
import { hasKubectl } from "./_kubectl_run.ts";
import { kubectlJson, withKubectl } from "./_kubectl_sandbox.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";
const V1 = "/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers";
const cpu = (averageUtilization: number) => ({
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization } },
});
const memory = {
  type: "Resource",
  resource: { name: "memory", target: { type: "AverageValue", averageValue: "500Mi" } },
};

Deno.test({
  name: `kubectl autoscale: autoscaling/v1 and v2 serve the same objects${SKIP}`,
  ignore: !KUBECTL,
  fn: (t) =>
    withKubectl(async ({ kubectl }) => {
      const raw = async (path: string) =>
        JSON.parse((await kubectl(["get", "--raw", path])).stdout);
      await t.step("discovery lists v2 (preferred) and v1", async () => {
        const group = await raw("/apis/autoscaling");
        deepEqual(group.versions.map((v: { version: string }) => v.version), ["v2", "v1"]);
        equal(group.preferredVersion.version, "v2");
      });
      await t.step("kubectl autoscale creates through v1; get prints kube's columns", async () => {
        equal((await kubectl(["create", "deployment", "web", "--image=nginx:1"])).code, 0);
        const args = ["autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=80"];
        const run = await kubectl(args);
        equal(run.stdout.trim(), "horizontalpodautoscaler.autoscaling/web autoscaled", run.stderr);
        const get = await kubectl(["get", "hpa", "web"]);
        match(get.stdout, /REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS/);
        match(get.stdout, /web\s+Deployment\/web\s+cpu: <unknown>\/80%\s+2\s+5\s+0/);
      });
      await t.step("the v1 object reads back through v2 as a CPU metric", async () => {
        const v2 = await kubectlJson(kubectl, ["get", "hpa.v2.autoscaling", "web"]);
        equal(v2.apiVersion, "autoscaling/v2");
        deepEqual(v2.spec.metrics, [cpu(80)]);
        const v1 = await raw(`${V1}/web`);
        deepEqual(v1.spec, {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
          minReplicas: 2,
          maxReplicas: 5,
          targetCPUUtilizationPercentage: 80,
        });
      });
      await t.step(
        "a v2 object reads through v1; a v1 write keeps what v1 cannot hold",
        async () => {
          const behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
          const api = {
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: { name: "api" },
            spec: {
              scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
              maxReplicas: 4,
              metrics: [cpu(60), memory],
              behavior,
            },
          };
          equal((await kubectl(["apply", "-f", "-"], stringify(api))).code, 0);
          const v1 = await raw(`${V1}/api`);
          equal(v1.spec.targetCPUUtilizationPercentage, 60);
          equal(v1.spec.minReplicas, 1);
          const stashed = v1.metadata.annotations["autoscaling.alpha.kubernetes.io/metrics"];
          deepEqual(JSON.parse(stashed), [memory]);
          v1.spec.targetCPUUtilizationPercentage = 70;
          const put = await kubectl(
            ["replace", "--raw", `${V1}/api`, "-f", "-"],
            JSON.stringify(v1),
          );
          equal(put.code, 0, put.stderr);
          const v2 = await kubectlJson(kubectl, ["get", "hpa", "api"]);
          deepEqual(v2.spec.metrics, [cpu(70), memory]);
          equal(v2.spec.behavior.scaleDown.stabilizationWindowSeconds, 60);
          const left = Object.keys(v2.metadata.annotations ?? {});
          deepEqual(left.filter((k) => k.startsWith("autoscaling.alpha")), []);
        },
      );
    }),
});
