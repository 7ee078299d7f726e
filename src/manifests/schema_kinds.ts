/**
 * The built-in kinds whose OpenAPI schema (from `kubernetes-models`) checks manifests, and how a
 * kind's model module is loaded. The table of imports (`schema_table.ts`) is itself loaded only
 * when a schema is checked: its 37 written-out imports cost start-up time in every process that
 * loads it, and a deploy of files that passed before checks none (see `schema_cache.ts`).
 */
import type { SchemaModule } from "./schema_table.ts";

/** `apiVersion/Kind` of every kind with a schema check (the keys of `SCHEMA_MODULES`). */
export const SCHEMA_KINDS: ReadonlySet<string> = new Set([
  "v1/Pod",
  "v1/Service",
  "v1/ConfigMap",
  "v1/Secret",
  "v1/ServiceAccount",
  "v1/Namespace",
  "v1/PersistentVolumeClaim",
  "v1/PersistentVolume",
  "v1/ReplicationController",
  "v1/LimitRange",
  "v1/ResourceQuota",
  "v1/Endpoints",
  "apps/v1/Deployment",
  "apps/v1/StatefulSet",
  "apps/v1/DaemonSet",
  "apps/v1/ReplicaSet",
  "batch/v1/Job",
  "batch/v1/CronJob",
  "autoscaling/v1/HorizontalPodAutoscaler",
  "autoscaling/v2/HorizontalPodAutoscaler",
  "policy/v1/PodDisruptionBudget",
  "networking.k8s.io/v1/Ingress",
  "networking.k8s.io/v1/NetworkPolicy",
  "networking.k8s.io/v1/IngressClass",
  "rbac.authorization.k8s.io/v1/Role",
  "rbac.authorization.k8s.io/v1/ClusterRole",
  "rbac.authorization.k8s.io/v1/RoleBinding",
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
  "storage.k8s.io/v1/StorageClass",
  "scheduling.k8s.io/v1/PriorityClass",
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration",
  "apiextensions.k8s.io/v1/CustomResourceDefinition",
  "apiregistration.k8s.io/v1/APIService",
  "coordination.k8s.io/v1/Lease",
  "node.k8s.io/v1/RuntimeClass",
  "discovery.k8s.io/v1/EndpointSlice",
]);

/** A computed URL: Deno would otherwise load the table (and resolve its imports) with this module. */
const TABLE = new URL("./schema_table.ts", import.meta.url).href;
let table: Promise<typeof import("./schema_table.ts")> | undefined;

/**
 * The `kubernetes-models` module of `key` (`apps/v1/Deployment`); its model class is exported
 * under the kind's name. Rejects for a key outside {@linkcode SCHEMA_KINDS}.
 *
 * @example
 * ```ts
 * import { loadSchemaModule, SCHEMA_KINDS } from "./schema_kinds.ts";
 * import { equal } from "node:assert/strict";
 * equal(SCHEMA_KINDS.has("apps/v1/Deployment"), true);
 * equal(typeof (await loadSchemaModule("apps/v1/Deployment"))["Deployment"], "function");
 * ```
 */
export async function loadSchemaModule(key: string): Promise<SchemaModule> {
  table ??= import(TABLE) as Promise<typeof import("./schema_table.ts")>;
  const load = (await table).SCHEMA_MODULES[key];
  if (!load) throw new Error(`No schema module for ${key}`);
  return await load();
}
