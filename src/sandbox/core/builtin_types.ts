/** The builtin resource types the sandbox serves, with kube's names, verbs and merge keys. */
import type { ResourceType } from "../types.ts";
import {
  CONDITION_KEYS,
  GATEWAY_KEYS,
  type ListKeys,
  METADATA_KEYS,
  METADATA_SETS,
  POD_KEYS,
  podSpecKeys,
  WORKLOAD_KEYS,
} from "./_list_keys.ts";

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

interface Spec {
  cluster?: boolean;
  short?: string[];
  cats?: string[];
  status?: boolean;
  scale?: boolean;
  keys?: ListKeys;
  verbs?: string[];
}

function gv(apiVersion: string): [string, string] {
  const at = apiVersion.indexOf("/");
  return at < 0 ? ["", apiVersion] : [apiVersion.slice(0, at), apiVersion.slice(at + 1)];
}

function type(apiVersion: string, kind: string, plural: string, s: Spec = {}): ResourceType {
  const [group, version] = gv(apiVersion);
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced: !s.cluster,
    shortNames: s.short ?? [],
    categories: s.cats ?? [],
    verbs: s.verbs ?? VERBS,
    statusSubresource: s.status ?? false,
    scaleSubresource: s.scale ?? false,
    listMapKeys: { ...METADATA_KEYS, ...s.keys },
    listSets: METADATA_SETS,
  };
}

const ALL = ["all"];
const EXT = ["api-extensions"];
const GW = ["gateway-api"];
const GWV = "gateway.networking.k8s.io/v1";
const ADM = "admissionregistration.k8s.io/v1";
const RBAC = "rbac.authorization.k8s.io/v1";
const NET = "networking.k8s.io/v1";

/**
 * Every builtin kind, core group first, in kube's discovery order of groups.
 *
 * @example
 * ```ts
 * import { BUILTIN_TYPES } from "./builtin_types.ts";
 * import { deepEqual } from "node:assert/strict";
 * const svc = BUILTIN_TYPES.find((t) => t.plural === "services");
 * deepEqual(svc?.shortNames, ["svc"]);
 * ```
 */
export const BUILTIN_TYPES: readonly ResourceType[] = [
  type("v1", "Namespace", "namespaces", {
    cluster: true,
    short: ["ns"],
    status: true,
    keys: CONDITION_KEYS,
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  }),
  type("v1", "Pod", "pods", { short: ["po"], cats: ALL, status: true, keys: POD_KEYS }),
  type("v1", "Service", "services", {
    short: ["svc"],
    cats: ALL,
    status: true,
    keys: { "spec.ports": ["port", "protocol"], ...CONDITION_KEYS },
  }),
  type("v1", "ConfigMap", "configmaps", { short: ["cm"] }),
  type("v1", "Secret", "secrets"),
  type("v1", "ServiceAccount", "serviceaccounts", { short: ["sa"] }),
  type("v1", "PersistentVolumeClaim", "persistentvolumeclaims", {
    short: ["pvc"],
    status: true,
    keys: CONDITION_KEYS,
  }),
  type("v1", "PersistentVolume", "persistentvolumes", {
    cluster: true,
    short: ["pv"],
    status: true,
  }),
  type("v1", "Event", "events", { short: ["ev"] }),
  type("v1", "Endpoints", "endpoints", { short: ["ep"] }),
  type("v1", "Node", "nodes", {
    cluster: true,
    short: ["no"],
    status: true,
    keys: { "status.addresses": ["type"], ...CONDITION_KEYS },
  }),
  type("v1", "LimitRange", "limitranges", { short: ["limits"] }),
  type("v1", "ResourceQuota", "resourcequotas", { short: ["quota"], status: true }),
  type("v1", "ReplicationController", "replicationcontrollers", {
    short: ["rc"],
    cats: ALL,
    status: true,
    scale: true,
    keys: WORKLOAD_KEYS,
  }),
  type("apps/v1", "Deployment", "deployments", {
    short: ["deploy"],
    cats: ALL,
    status: true,
    scale: true,
    keys: WORKLOAD_KEYS,
  }),
  type("apps/v1", "StatefulSet", "statefulsets", {
    short: ["sts"],
    cats: ALL,
    status: true,
    scale: true,
    keys: WORKLOAD_KEYS,
  }),
  type("apps/v1", "DaemonSet", "daemonsets", {
    short: ["ds"],
    cats: ALL,
    status: true,
    keys: WORKLOAD_KEYS,
  }),
  type("apps/v1", "ReplicaSet", "replicasets", {
    short: ["rs"],
    cats: ALL,
    status: true,
    scale: true,
    keys: WORKLOAD_KEYS,
  }),
  type("apps/v1", "ControllerRevision", "controllerrevisions"),
  type("batch/v1", "Job", "jobs", {
    cats: ALL,
    status: true,
    keys: podSpecKeys("spec.template.spec."),
  }),
  type("batch/v1", "CronJob", "cronjobs", {
    short: ["cj"],
    cats: ALL,
    status: true,
    keys: podSpecKeys("spec.jobTemplate.spec.template.spec."),
  }),
  type(NET, "Ingress", "ingresses", { short: ["ing"], status: true }),
  type(NET, "IngressClass", "ingressclasses", { cluster: true }),
  type(NET, "NetworkPolicy", "networkpolicies", { short: ["netpol"] }),
  type(RBAC, "Role", "roles"),
  type(RBAC, "RoleBinding", "rolebindings"),
  type(RBAC, "ClusterRole", "clusterroles", { cluster: true }),
  type(RBAC, "ClusterRoleBinding", "clusterrolebindings", { cluster: true }),
  type("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", {
    short: ["pdb"],
    status: true,
    keys: CONDITION_KEYS,
  }),
  type("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", {
    cluster: true,
    short: ["crd", "crds"],
    cats: EXT,
    status: true,
    keys: CONDITION_KEYS,
  }),
  type("coordination.k8s.io/v1", "Lease", "leases"),
  type(ADM, "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", {
    cluster: true,
    cats: EXT,
    keys: { "webhooks": ["name"] },
  }),
  type(ADM, "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", {
    cluster: true,
    cats: EXT,
    keys: { "webhooks": ["name"] },
  }),
  type("apiregistration.k8s.io/v1", "APIService", "apiservices", {
    cluster: true,
    cats: EXT,
    status: true,
    keys: CONDITION_KEYS,
  }),
  type("storage.k8s.io/v1", "StorageClass", "storageclasses", { cluster: true, short: ["sc"] }),
  ...["autoscaling/v2", "autoscaling/v1"].map((apiVersion) =>
    type(apiVersion, "HorizontalPodAutoscaler", "horizontalpodautoscalers", {
      short: ["hpa"],
      cats: ALL,
      status: true,
      keys: CONDITION_KEYS,
    })
  ),
  type("events.k8s.io/v1", "Event", "events", { short: ["ev"] }),
  type("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", {
    cluster: true,
    short: ["pc"],
  }),
  type(GWV, "GatewayClass", "gatewayclasses", {
    cluster: true,
    short: ["gc"],
    cats: GW,
    status: true,
    keys: CONDITION_KEYS,
  }),
  type(GWV, "Gateway", "gateways", { short: ["gtw"], cats: GW, status: true, keys: GATEWAY_KEYS }),
  type(GWV, "HTTPRoute", "httproutes", {
    cats: GW,
    status: true,
    keys: { "status.parents.conditions": ["type"] },
  }),
];
