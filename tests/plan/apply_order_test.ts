import { equal } from "node:assert/strict";
import { APPLY_GROUPS, type ApplyGroupName, applyGroupOf } from "../../src/plan/mod.ts";

const TABLE: [string, string, ApplyGroupName][] = [
  ["v1", "Namespace", "namespaces"],
  ["apiextensions.k8s.io/v1", "CustomResourceDefinition", "crds"],
  ["apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "crds"],
  ["v1", "ServiceAccount", "config"],
  ["rbac.authorization.k8s.io/v1", "Role", "config"],
  ["rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "config"],
  ["v1", "ConfigMap", "config"],
  ["v1", "Secret", "config"],
  ["v1", "PersistentVolumeClaim", "config"],
  ["v1", "PersistentVolume", "config"],
  ["storage.k8s.io/v1", "StorageClass", "config"],
  ["v1", "LimitRange", "config"],
  ["v1", "ResourceQuota", "config"],
  ["scheduling.k8s.io/v1", "PriorityClass", "config"],
  ["networking.k8s.io/v1", "NetworkPolicy", "config"],
  ["policy/v1", "PodDisruptionBudget", "config"],
  ["v1", "Service", "services"],
  ["apps/v1", "Deployment", "workloads"],
  ["apps/v1", "StatefulSet", "workloads"],
  ["apps/v1", "DaemonSet", "workloads"],
  ["apps/v1", "ReplicaSet", "workloads"],
  ["batch/v1", "Job", "workloads"],
  ["batch/v1", "CronJob", "workloads"],
  ["v1", "Pod", "workloads"],
  ["v1", "ReplicationController", "workloads"],
  ["networking.k8s.io/v1", "Ingress", "other"],
  ["gateway.networking.k8s.io/v1", "HTTPRoute", "other"],
  ["gateway.networking.k8s.io/v1", "Gateway", "other"],
  ["autoscaling/v2", "HorizontalPodAutoscaler", "other"],
  ["monitoring.coreos.com/v1", "ServiceMonitor", "other"],
  ["serving.knative.dev/v1", "Service", "other"],
  ["example.com/v1", "Deployment", "other"],
  ["admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "webhooks"],
  ["admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "webhooks"],
  ["apiregistration.k8s.io/v1", "APIService", "webhooks"],
];

Deno.test("applyGroupOf() places each kind in its DESIGN §2.2 group, matching the API group too", async (t) => {
  for (const [apiVersion, kind, expected] of TABLE) {
    await t.step(`${kind} (${apiVersion}) → ${expected}`, () => {
      equal(applyGroupOf(apiVersion, kind), expected);
    });
  }
});

Deno.test("APPLY_GROUPS lists namespaces first and webhooks last", () => {
  equal(APPLY_GROUPS[0], "namespaces");
  equal(APPLY_GROUPS.at(-1), "webhooks");
  equal(new Set(APPLY_GROUPS).size, 7);
});
