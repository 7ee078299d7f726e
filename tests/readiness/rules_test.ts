import { equal } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { readinessOf } from "../../src/readiness/mod.ts";

function obj(
  apiVersion: string,
  kind: string,
  rest: Record<string, unknown>,
  generation = 1,
): KubeObject {
  return { apiVersion, kind, metadata: { name: "x", generation }, ...rest };
}

const deploy = (status: Record<string, unknown>, replicas = 2, generation = 1) =>
  obj("apps/v1", "Deployment", { spec: { replicas }, status }, generation);

Deno.test("readinessOf() follows kubectl rollout status and kstatus rules", async (t) => {
  const cases: { name: string; obj: KubeObject; state: string; reason?: string }[] = [
    { name: "deployment without status waits", obj: deploy({}), state: "progressing" },
    {
      name: "deployment with an unobserved generation waits",
      obj: deploy(
        { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
        2,
        2,
      ),
      state: "progressing",
    },
    {
      name: "deployment with too few updated replicas waits",
      obj: deploy({ observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 1 }),
      state: "progressing",
    },
    {
      name: "deployment with old replicas pending waits",
      obj: deploy({ observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }),
      state: "progressing",
    },
    {
      name: "deployment with unavailable updated replicas waits",
      obj: deploy({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }),
      state: "progressing",
    },
    {
      name: "deployment fully rolled out is ready",
      obj: deploy({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
      state: "ready",
    },
    {
      name: "deployment past its progress deadline fails",
      obj: deploy({
        observedGeneration: 1,
        conditions: [{
          type: "Progressing",
          status: "False",
          reason: "ProgressDeadlineExceeded",
          message: "timed out",
        }],
      }),
      state: "failed",
      reason: "ProgressDeadlineExceeded",
    },
    {
      name: "deployment scaled to zero is ready",
      obj: deploy({ observedGeneration: 1 }, 0),
      state: "ready",
    },
    {
      name: "statefulset waits for ready pods",
      obj: obj("apps/v1", "StatefulSet", {
        spec: { replicas: 2 },
        status: { observedGeneration: 1, readyReplicas: 1 },
      }),
      state: "progressing",
    },
    {
      name: "statefulset with all pods ready and updated is ready",
      obj: obj("apps/v1", "StatefulSet", {
        spec: { replicas: 2 },
        status: { observedGeneration: 1, readyReplicas: 2, updatedReplicas: 2 },
      }),
      state: "ready",
    },
    {
      name: "daemonset waits for available pods",
      obj: obj("apps/v1", "DaemonSet", {
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 1,
          updatedNumberScheduled: 1,
          numberAvailable: 0,
        },
      }),
      state: "progressing",
    },
    {
      name: "daemonset with every pod available is ready",
      obj: obj("apps/v1", "DaemonSet", {
        status: {
          observedGeneration: 1,
          desiredNumberScheduled: 1,
          updatedNumberScheduled: 1,
          numberAvailable: 1,
        },
      }),
      state: "ready",
    },
    {
      name: "job complete is ready",
      obj: obj("batch/v1", "Job", {
        status: { conditions: [{ type: "Complete", status: "True" }] },
      }),
      state: "ready",
    },
    {
      name: "job failed fails",
      obj: obj("batch/v1", "Job", {
        status: {
          conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }],
        },
      }),
      state: "failed",
      reason: "BackoffLimitExceeded",
    },
    {
      name: "pending PVC waits",
      obj: obj("v1", "PersistentVolumeClaim", { status: { phase: "Pending" } }),
      state: "progressing",
    },
    {
      name: "bound PVC is ready",
      obj: obj("v1", "PersistentVolumeClaim", { status: { phase: "Bound" } }),
      state: "ready",
    },
    {
      name: "LoadBalancer service waits for ingress",
      obj: obj("v1", "Service", { spec: { type: "LoadBalancer" }, status: { loadBalancer: {} } }),
      state: "progressing",
    },
    {
      name: "LoadBalancer service with ingress is ready",
      obj: obj("v1", "Service", {
        spec: { type: "LoadBalancer" },
        status: { loadBalancer: { ingress: [{ ip: "1.2.3.4" }] } },
      }),
      state: "ready",
    },
    {
      name: "ClusterIP service is ready when applied",
      obj: obj("v1", "Service", { spec: {} }),
      state: "ready",
    },
    {
      name: "CRD waits for Established",
      obj: obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", {
        status: { conditions: [] },
      }),
      state: "progressing",
    },
    {
      name: "CRD Established is ready",
      obj: obj("apiextensions.k8s.io/v1", "CustomResourceDefinition", {
        status: { conditions: [{ type: "Established", status: "True" }] },
      }),
      state: "ready",
    },
    {
      name: "custom resource Ready=True is ready",
      obj: obj("example.com/v1", "Widget", {
        status: { observedGeneration: 1, conditions: [{ type: "Ready", status: "True" }] },
      }),
      state: "ready",
    },
    {
      name: "custom resource Stalled=True fails",
      obj: obj("example.com/v1", "Widget", {
        status: { conditions: [{ type: "Stalled", status: "True", message: "bad" }] },
      }),
      state: "failed",
      reason: "Stalled",
    },
    {
      name: "custom resource Ready=False with a terminal reason fails",
      obj: obj("example.com/v1", "Widget", {
        status: { conditions: [{ type: "Ready", status: "False", reason: "InstallFailed" }] },
      }),
      state: "failed",
      reason: "InstallFailed",
    },
    {
      name: "custom resource Ready=False otherwise waits",
      obj: obj("example.com/v1", "Widget", {
        status: { conditions: [{ type: "Ready", status: "False", reason: "Reconciling" }] },
      }),
      state: "progressing",
    },
    {
      name: "custom resource without conditions is ready when applied",
      obj: obj("example.com/v1", "Widget", {}),
      state: "ready",
    },
    {
      name: "ConfigMap is ready when applied",
      obj: obj("v1", "ConfigMap", { data: {} }),
      state: "ready",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const r = readinessOf(c.obj);
      equal(r.state, c.state, r.message);
      if (c.reason) equal(r.reason, c.reason);
    });
  }
});
