// A fake discovery for plan tests: the builtin kinds a typical cluster serves, and a call log.
import type { ResourceInfo } from "../../src/kube/mod.ts";
import { parseApiVersion } from "../../src/manifests/mod.ts";

/** `apiVersion|Kind` → [plural, namespaced]. */
const BUILTIN: Record<string, [string, boolean]> = {
  "v1|Namespace": ["namespaces", false],
  "v1|ServiceAccount": ["serviceaccounts", true],
  "v1|ConfigMap": ["configmaps", true],
  "v1|Secret": ["secrets", true],
  "v1|Service": ["services", true],
  "v1|Pod": ["pods", true],
  "v1|PersistentVolume": ["persistentvolumes", false],
  "v1|PersistentVolumeClaim": ["persistentvolumeclaims", true],
  "apps/v1|Deployment": ["deployments", true],
  "apps/v1|StatefulSet": ["statefulsets", true],
  "apps/v1|DaemonSet": ["daemonsets", true],
  "batch/v1|Job": ["jobs", true],
  "batch/v1|CronJob": ["cronjobs", true],
  "rbac.authorization.k8s.io/v1|Role": ["roles", true],
  "rbac.authorization.k8s.io/v1|RoleBinding": ["rolebindings", true],
  "rbac.authorization.k8s.io/v1|ClusterRole": ["clusterroles", false],
  "rbac.authorization.k8s.io/v1|ClusterRoleBinding": ["clusterrolebindings", false],
  "networking.k8s.io/v1|NetworkPolicy": ["networkpolicies", true],
  "networking.k8s.io/v1|Ingress": ["ingresses", true],
  "policy/v1|PodDisruptionBudget": ["poddisruptionbudgets", true],
  "autoscaling/v2|HorizontalPodAutoscaler": ["horizontalpodautoscalers", true],
  "storage.k8s.io/v1|StorageClass": ["storageclasses", false],
  "apiextensions.k8s.io/v1|CustomResourceDefinition": ["customresourcedefinitions", false],
  "apiregistration.k8s.io/v1|APIService": ["apiservices", false],
  "admissionregistration.k8s.io/v1|ValidatingWebhookConfiguration": [
    "validatingwebhookconfigurations",
    false,
  ],
  "admissionregistration.k8s.io/v1|MutatingWebhookConfiguration": [
    "mutatingwebhookconfigurations",
    false,
  ],
};

/** A `resolve` function over the builtin table, recording every call as `apiVersion|Kind`. */
export function fakeDiscovery(): {
  resolve: (apiVersion: string, kind: string) => Promise<ResourceInfo | undefined>;
  calls: string[];
} {
  const calls: string[] = [];
  const resolve = (apiVersion: string, kind: string) => {
    calls.push(`${apiVersion}|${kind}`);
    const { group, version } = parseApiVersion(apiVersion);
    const entry = BUILTIN[`${apiVersion}|${kind}`];
    if (entry === undefined) return Promise.resolve(undefined);
    const [plural, namespaced] = entry;
    return Promise.resolve({ group, version, kind, plural, namespaced, subresources: [] });
  };
  return { resolve, calls };
}
