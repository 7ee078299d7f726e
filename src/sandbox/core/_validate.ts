/** Validation of written objects: metadata for every kind, plus the common workload checks. */
import type { JsonObject, ResourceType } from "../types.ts";
import { isObject, meta } from "./_json.ts";
import {
  dns1035Label,
  dnsLabel,
  dnsSubdomain,
  labelValue,
  pathSegmentName,
  qualifiedName,
} from "./_names.ts";
import { type FieldCause, invalidValue } from "./_status.ts";
import { validatePodSpec, validateSelector } from "./_validate_pods.ts";

const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

function nameRule(type: ResourceType): (name: string) => string[] {
  if (type.group === "" && type.kind === "Namespace") return dnsLabel;
  if (type.group === "" && type.kind === "Service") return dns1035Label;
  if (type.group === "rbac.authorization.k8s.io" && RBAC_KINDS.has(type.kind)) {
    return pathSegmentName;
  }
  return dnsSubdomain;
}

function validateMaps(m: JsonObject, causes: FieldCause[]): void {
  const labels = m["labels"];
  if (isObject(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      for (const msg of qualifiedName(k)) causes.push(invalidValue("metadata.labels", k, msg));
      const value = typeof v === "string" ? v : String(v);
      for (const msg of labelValue(value)) causes.push(invalidValue("metadata.labels", value, msg));
    }
  }
  const annotations = m["annotations"];
  if (isObject(annotations)) {
    for (const k of Object.keys(annotations)) {
      for (const msg of qualifiedName(k.toLowerCase())) {
        causes.push(invalidValue("metadata.annotations", k, msg));
      }
    }
  }
}

const POD_SPEC_AT: Record<string, string> = {
  "/Pod": "spec",
  "/ReplicationController": "spec.template.spec",
  "apps/Deployment": "spec.template.spec",
  "apps/ReplicaSet": "spec.template.spec",
  "apps/StatefulSet": "spec.template.spec",
  "apps/DaemonSet": "spec.template.spec",
  "batch/Job": "spec.template.spec",
  "batch/CronJob": "spec.jobTemplate.spec.template.spec",
};

const SELECTOR_KINDS = new Set([
  "apps/Deployment",
  "apps/ReplicaSet",
  "apps/StatefulSet",
  "apps/DaemonSet",
]);

function validateService(obj: JsonObject, causes: FieldCause[]): void {
  const spec = isObject(obj["spec"]) ? obj["spec"] : {};
  const ports = Array.isArray(spec["ports"]) ? spec["ports"] : [];
  const headless = spec["clusterIP"] === "None";
  if (ports.length === 0 && !headless && spec["type"] !== "ExternalName") {
    causes.push({ reason: "FieldValueRequired", field: "spec.ports", message: "Required value" });
  }
  ports.forEach((p, i) => {
    if (!isObject(p)) return;
    const port = p["port"];
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
      causes.push(
        invalidValue(`spec.ports[${i}].port`, port ?? 0, "must be between 1 and 65535, inclusive"),
      );
    }
    if (ports.length > 1 && typeof p["name"] !== "string") {
      causes.push({
        reason: "FieldValueRequired",
        field: `spec.ports[${i}].name`,
        message: "Required value",
      });
    }
  });
}

/** The 422 causes of an object about to be stored (empty when it is valid). */
export function validateObject(type: ResourceType, obj: JsonObject): FieldCause[] {
  const causes: FieldCause[] = [];
  const m = meta(obj);
  const name = typeof m["name"] === "string" ? m["name"] : "";
  for (const msg of nameRule(type)(name)) causes.push(invalidValue("metadata.name", name, msg));
  validateMaps(m, causes);
  const storage = `${type.group}/${type.kind}`;
  const podSpecAt = POD_SPEC_AT[storage];
  if (podSpecAt !== undefined && type.crd === undefined) {
    if (SELECTOR_KINDS.has(storage)) validateSelector(obj, causes);
    validatePodSpec(obj, podSpecAt, causes);
  }
  if (storage === "/Service") validateService(obj, causes);
  return causes;
}
