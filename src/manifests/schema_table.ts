// The built-in kinds whose OpenAPI schema (from `kubernetes-models`) checks manifests before a
// deploy. Each import is written out so that it is loaded only for kinds present, stays
// analysable (deno compile, the lockfile) and so that user input never builds a module path.
// Loaded by `schema_kinds.ts` only when a schema is checked (`deno compile` --includes it);
// `SCHEMA_KINDS` there lists the same keys (a test compares them).

/** A module of `kubernetes-models`: its model class is exported under the kind's name. */
export type SchemaModule = Record<string, unknown>;

/** `apiVersion/Kind` of each checked kind, and how to load its model module. */
export const SCHEMA_MODULES: Readonly<Record<string, () => Promise<SchemaModule>>> = {
  "v1/Pod": () => import("kubernetes-models/v1/Pod"),
  "v1/Service": () => import("kubernetes-models/v1/Service"),
  "v1/ConfigMap": () => import("kubernetes-models/v1/ConfigMap"),
  "v1/Secret": () => import("kubernetes-models/v1/Secret"),
  "v1/ServiceAccount": () => import("kubernetes-models/v1/ServiceAccount"),
  "v1/Namespace": () => import("kubernetes-models/v1/Namespace"),
  "v1/PersistentVolumeClaim": () => import("kubernetes-models/v1/PersistentVolumeClaim"),
  "v1/PersistentVolume": () => import("kubernetes-models/v1/PersistentVolume"),
  "v1/ReplicationController": () => import("kubernetes-models/v1/ReplicationController"),
  "v1/LimitRange": () => import("kubernetes-models/v1/LimitRange"),
  "v1/ResourceQuota": () => import("kubernetes-models/v1/ResourceQuota"),
  "v1/Endpoints": () => import("kubernetes-models/v1/Endpoints"),
  "apps/v1/Deployment": () => import("kubernetes-models/apps/v1/Deployment"),
  "apps/v1/StatefulSet": () => import("kubernetes-models/apps/v1/StatefulSet"),
  "apps/v1/DaemonSet": () => import("kubernetes-models/apps/v1/DaemonSet"),
  "apps/v1/ReplicaSet": () => import("kubernetes-models/apps/v1/ReplicaSet"),
  "batch/v1/Job": () => import("kubernetes-models/batch/v1/Job"),
  "batch/v1/CronJob": () => import("kubernetes-models/batch/v1/CronJob"),
  "autoscaling/v1/HorizontalPodAutoscaler": () =>
    import("kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler"),
  "autoscaling/v2/HorizontalPodAutoscaler": () =>
    import("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler"),
  "policy/v1/PodDisruptionBudget": () => import("kubernetes-models/policy/v1/PodDisruptionBudget"),
  "networking.k8s.io/v1/Ingress": () => import("kubernetes-models/networking.k8s.io/v1/Ingress"),
  "networking.k8s.io/v1/NetworkPolicy": () =>
    import("kubernetes-models/networking.k8s.io/v1/NetworkPolicy"),
  "networking.k8s.io/v1/IngressClass": () =>
    import("kubernetes-models/networking.k8s.io/v1/IngressClass"),
  "rbac.authorization.k8s.io/v1/Role": () =>
    import("kubernetes-models/rbac.authorization.k8s.io/v1/Role"),
  "rbac.authorization.k8s.io/v1/ClusterRole": () =>
    import("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole"),
  "rbac.authorization.k8s.io/v1/RoleBinding": () =>
    import("kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding"),
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": () =>
    import("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding"),
  "storage.k8s.io/v1/StorageClass": () =>
    import("kubernetes-models/storage.k8s.io/v1/StorageClass"),
  "scheduling.k8s.io/v1/PriorityClass": () =>
    import("kubernetes-models/scheduling.k8s.io/v1/PriorityClass"),
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration": () =>
    import("kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration"),
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration": () =>
    import("kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration"),
  "apiextensions.k8s.io/v1/CustomResourceDefinition": () =>
    import("kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition"),
  "apiregistration.k8s.io/v1/APIService": () =>
    import("kubernetes-models/apiregistration.k8s.io/v1/APIService"),
  "coordination.k8s.io/v1/Lease": () => import("kubernetes-models/coordination.k8s.io/v1/Lease"),
  "node.k8s.io/v1/RuntimeClass": () => import("kubernetes-models/node.k8s.io/v1/RuntimeClass"),
  "discovery.k8s.io/v1/EndpointSlice": () =>
    import("kubernetes-models/discovery.k8s.io/v1/EndpointSlice"),
};
