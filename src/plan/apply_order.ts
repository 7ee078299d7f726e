/** applyGroupOf: which apply group (DESIGN §2.2) a kind belongs to. */
import { parseApiVersion } from "../manifests/mod.ts";

/** The apply groups, in the order they are applied. */
export type ApplyGroupName =
  | "namespaces"
  | "crds"
  | "config"
  | "services"
  | "workloads"
  | "other"
  | "webhooks";

/** Every apply group, first applied first. */
export const APPLY_GROUPS: readonly ApplyGroupName[] = [
  "namespaces",
  "crds",
  "config",
  "services",
  "workloads",
  "other",
  "webhooks",
];

const RBAC = "rbac.authorization.k8s.io";
const ADMISSION = "admissionregistration.k8s.io";

/** Builtin kinds by `group/Kind`; anything not listed (custom resources included) is "other". */
const GROUP_OF: ReadonlyMap<string, ApplyGroupName> = new Map<string, ApplyGroupName>([
  ["/Namespace", "namespaces"],
  ["apiextensions.k8s.io/CustomResourceDefinition", "crds"],
  ...[
    "/ServiceAccount",
    `${RBAC}/Role`,
    `${RBAC}/ClusterRole`,
    `${RBAC}/RoleBinding`,
    `${RBAC}/ClusterRoleBinding`,
    "/ConfigMap",
    "/Secret",
    "/PersistentVolumeClaim",
    "/PersistentVolume",
    "storage.k8s.io/StorageClass",
    "/LimitRange",
    "/ResourceQuota",
    "scheduling.k8s.io/PriorityClass",
    "networking.k8s.io/NetworkPolicy",
    "policy/PodDisruptionBudget",
  ].map((key): [string, ApplyGroupName] => [key, "config"]),
  ["/Service", "services"],
  ...[
    "apps/Deployment",
    "apps/StatefulSet",
    "apps/DaemonSet",
    "apps/ReplicaSet",
    "batch/Job",
    "batch/CronJob",
    "/Pod",
    "/ReplicationController",
  ].map((key): [string, ApplyGroupName] => [key, "workloads"]),
  ...[
    `${ADMISSION}/ValidatingWebhookConfiguration`,
    `${ADMISSION}/MutatingWebhookConfiguration`,
    "apiregistration.k8s.io/APIService",
  ].map((key): [string, ApplyGroupName] => [key, "webhooks"]),
]);

/**
 * The apply group of a kind: namespaces, then CRDs, then RBAC/config/storage, Services,
 * workloads, everything else (Ingress, HPA, custom resources), and webhooks and APIServices last.
 * Kinds are matched with their API group, so a custom `Service` kind is "other".
 *
 * @example
 * ```ts
 * import { applyGroupOf } from "./apply_order.ts";
 * import { equal } from "node:assert/strict";
 * equal(applyGroupOf("apps/v1", "Deployment"), "workloads");
 * equal(applyGroupOf("monitoring.coreos.com/v1", "ServiceMonitor"), "other");
 * ```
 */
export function applyGroupOf(apiVersion: string, kind: string): ApplyGroupName {
  return GROUP_OF.get(`${parseApiVersion(apiVersion).group}/${kind}`) ?? "other";
}
