/** Objects for the drift tests: a Deployment manifest and its live form with defaults and managedFields. */
import type { KubeObject, ManagedFieldsEntry } from "../../src/manifests/mod.ts";

/** What a test varies in the Deployment. */
export interface DeploymentOptions {
  image?: string;
  replicas?: number;
  cpu?: string | number;
  memory?: string;
  sidecarImage?: string;
}

/** The Deployment manifest, as a user writes it. */
export function deployment(options: DeploymentOptions = {}): KubeObject {
  const containers: Record<string, unknown>[] = [{
    name: "app",
    image: options.image ?? "api:1",
    resources: { limits: { cpu: options.cpu ?? "500m", memory: options.memory ?? "256Mi" } },
  }];
  if (options.sidecarImage) containers.push({ name: "sidecar", image: options.sidecarImage });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "prod", labels: { app: "api" } },
    spec: {
      replicas: options.replicas ?? 2,
      selector: { matchLabels: { app: "api" } },
      template: { metadata: { labels: { app: "api" } }, spec: { containers } },
    },
  };
}

/** The FieldsV1 set Nopea's apply of {@linkcode deployment} owns (without `f:replicas` when asked). */
export function nopeaFields(
  options: { replicas?: boolean; image?: boolean } = {},
): Record<string, unknown> {
  const app: Record<string, unknown> = {
    ".": {},
    "f:name": {},
    "f:resources": { "f:limits": { "f:cpu": {}, "f:memory": {} } },
  };
  if (options.image !== false) app["f:image"] = {};
  const spec: Record<string, unknown> = {
    "f:selector": {},
    "f:template": {
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": { "f:containers": { 'k:{"name":"app"}': app } },
    },
  };
  if (options.replicas !== false) spec["f:replicas"] = {};
  return { "f:metadata": { "f:labels": { "f:app": {} } }, "f:spec": spec };
}

/** A managedFields entry. */
export function entry(
  manager: string,
  fieldsV1: Record<string, unknown>,
  more: Partial<ManagedFieldsEntry> = {},
): ManagedFieldsEntry {
  return {
    manager,
    operation: manager === "nopea" ? "Apply" : "Update",
    apiVersion: "apps/v1",
    time: "2026-03-06T12:00:00Z",
    fieldsType: "FieldsV1",
    fieldsV1,
    ...more,
  };
}

/** The Deployment as the API server holds it: defaults, status, server metadata, managedFields. */
export function liveDeployment(
  options: DeploymentOptions = {},
  managedFields: ManagedFieldsEntry[] = [entry("nopea", nopeaFields())],
): KubeObject {
  const obj = structuredClone(deployment(options));
  const spec = obj.spec as Record<string, unknown>;
  const template = spec.template as { spec: Record<string, unknown> };
  for (const c of template.spec.containers as Record<string, unknown>[]) {
    Object.assign(c, {
      imagePullPolicy: "IfNotPresent",
      terminationMessagePath: "/dev/termination-log",
    });
  }
  Object.assign(template.spec, { restartPolicy: "Always", dnsPolicy: "ClusterFirst" });
  Object.assign(spec, {
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
  });
  obj.metadata = {
    ...obj.metadata,
    uid: "6f1c2b1e-0000-4000-8000-000000000001",
    resourceVersion: "4711",
    generation: 3,
    creationTimestamp: "2026-03-01T09:00:00Z",
    annotations: { "deployment.kubernetes.io/revision": "3", "nopea.io/deploy-id": "01JNOPEA" },
    managedFields,
  };
  obj.status = { replicas: 2, readyReplicas: 2, observedGeneration: 3 };
  return obj;
}

/** A Secret with `data` (base64) or, when `asText`, `stringData`. */
export function secret(values: Record<string, string>, asText = false): KubeObject {
  const base = { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "prod" } };
  if (asText) return { ...base, stringData: values };
  return {
    ...base,
    data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, btoa(v)])),
  };
}
