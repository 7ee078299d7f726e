/** Defaulting as kube-apiserver does it, for the fields that show up in users' diffs. */
import type { JsonObject, ResourceType } from "../types.ts";
import type { ServiceAllocators } from "./_allocators.ts";
import { child, getPath, isObject, meta } from "./_json.ts";
import { defaultSchedulingKinds } from "./_scheduling_rules.ts";
import { defaultService } from "./_service_defaults.ts";

function set(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined) obj[key] = value;
}

/** `Always` for `:latest` or untagged images, else `IfNotPresent`. */
export function pullPolicyFor(image: unknown): string {
  if (typeof image !== "string") return "IfNotPresent";
  if (image.includes("@")) return "IfNotPresent";
  const last = image.slice(image.lastIndexOf("/") + 1);
  const colon = last.indexOf(":");
  return colon < 0 || last.slice(colon + 1) === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const c of list) {
    if (!isObject(c)) continue;
    set(c, "terminationMessagePath", "/dev/termination-log");
    set(c, "terminationMessagePolicy", "File");
    set(c, "imagePullPolicy", pullPolicyFor(c["image"]));
    set(c, "resources", {});
    const ports = c["ports"];
    if (Array.isArray(ports)) { for (const p of ports) if (isObject(p)) set(p, "protocol", "TCP"); }
  }
}

function defaultPodSpec(spec: unknown): void {
  if (!isObject(spec)) return;
  set(spec, "restartPolicy", "Always");
  set(spec, "dnsPolicy", "ClusterFirst");
  set(spec, "schedulerName", "default-scheduler");
  set(spec, "terminationGracePeriodSeconds", 30);
  set(spec, "securityContext", {});
  defaultContainers(spec["containers"]);
  defaultContainers(spec["initContainers"]);
}

function defaultTemplate(obj: JsonObject, path: string[]): void {
  defaultPodSpec(getPath(obj, [...path, "template", "spec"]));
}

function defaultWorkload(kind: string, spec: JsonObject): void {
  if (kind !== "DaemonSet") set(spec, "replicas", 1);
  set(spec, "revisionHistoryLimit", 10);
  if (kind === "Deployment") {
    set(spec, "strategy", {});
    const strategy = spec["strategy"];
    if (isObject(strategy)) set(strategy, "type", "RollingUpdate"); // `strategy: {}` too
    if (isObject(strategy) && strategy["type"] === "RollingUpdate") {
      set(strategy, "rollingUpdate", { maxUnavailable: "25%", maxSurge: "25%" });
    }
    set(spec, "progressDeadlineSeconds", 600);
  } else if (kind === "StatefulSet") {
    set(spec, "podManagementPolicy", "OrderedReady");
    set(spec, "updateStrategy", { type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    set(spec, "persistentVolumeClaimRetentionPolicy", {
      whenDeleted: "Retain",
      whenScaled: "Retain",
    });
  } else if (kind === "DaemonSet") {
    set(spec, "updateStrategy", {
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
  } else if (kind === "ReplicaSet") {
    delete spec["revisionHistoryLimit"];
  }
}

/** `stringData` is write-only: the API server merges it into `data` (base64) and drops it. */
function foldStringData(secret: JsonObject): void {
  const stringData = secret["stringData"];
  if (typeof stringData !== "object" || stringData === null || Array.isArray(stringData)) return;
  const data = child(secret, "data");
  for (const [key, value] of Object.entries(stringData)) {
    const bytes = new TextEncoder().encode(String(value));
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    data[key] = btoa(binary);
  }
  delete secret["stringData"];
}

function defaultCore(kind: string, obj: JsonObject): void {
  if (kind === "Namespace") {
    const m = meta(obj);
    child(m, "labels")["kubernetes.io/metadata.name"] = m["name"];
    set(child(obj, "spec"), "finalizers", ["kubernetes"]);
    set(child(obj, "status"), "phase", "Active");
  } else if (kind === "Pod") {
    defaultPodSpec(obj["spec"]);
    set(child(obj, "status"), "phase", "Pending");
  } else if (kind === "Secret") {
    set(obj, "type", "Opaque");
    foldStringData(obj);
  } else if (kind === "PersistentVolumeClaim") {
    set(child(obj, "spec"), "volumeMode", "Filesystem");
    set(child(obj, "status"), "phase", "Pending");
  } else if (kind === "ReplicationController") {
    set(child(obj, "spec"), "replicas", 1);
    defaultTemplate(obj, ["spec"]);
  }
}

/**
 * Fills in the defaults of a builtin kind (mutates `obj`, a fresh copy the caller owns);
 * `live` supplies the allocated addresses of an existing Service.
 */
export function applyDefaults(
  type: ResourceType,
  obj: JsonObject,
  live: JsonObject | undefined,
  alloc: ServiceAllocators,
  dryRun: boolean,
): void {
  if (type.crd !== undefined) return;
  defaultSchedulingKinds(type, obj);
  if (type.group === "") {
    if (type.kind === "Service") defaultService(obj, live, alloc, dryRun);
    else defaultCore(type.kind, obj);
  } else if (type.group === "apps" && type.kind !== "ControllerRevision") {
    defaultWorkload(type.kind, child(obj, "spec"));
    defaultTemplate(obj, ["spec"]);
  } else if (type.group === "batch" && type.kind === "Job") {
    const spec = child(obj, "spec");
    set(spec, "parallelism", 1);
    set(spec, "completions", 1);
    set(spec, "backoffLimit", 6);
    set(spec, "completionMode", "NonIndexed");
    set(spec, "suspend", false);
    defaultTemplate(obj, ["spec"]);
  } else if (type.group === "batch" && type.kind === "CronJob") {
    const spec = child(obj, "spec");
    set(spec, "concurrencyPolicy", "Allow");
    set(spec, "suspend", false);
    set(spec, "successfulJobsHistoryLimit", 3);
    set(spec, "failedJobsHistoryLimit", 1);
    defaultTemplate(obj, ["spec", "jobTemplate", "spec"]);
  }
}
