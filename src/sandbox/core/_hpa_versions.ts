/**
 * The two served versions of HorizontalPodAutoscaler: objects are stored in `autoscaling/v2` and
 * converted as kube converts them. v1's `targetCPUUtilizationPercentage` is v2's CPU Resource
 * metric with an `Utilization` target; what v1 cannot hold (other metrics, behavior, conditions,
 * other current metrics) rides in the annotations kube uses for the round trip, in v2 form.
 */
import type { JsonObject } from "../types.ts";
import { stash, unstash } from "./_hpa_annotations.ts";
import { cloneJson, isObject } from "./_json.ts";

const asObject = (v: unknown): JsonObject => isObject(v) ? v : {};
const asList = (v: unknown): unknown[] => Array.isArray(v) ? v : [];

function isCpuUtilization(metric: unknown, field: "target" | "current"): boolean {
  const resource = asObject(asObject(metric)["resource"]);
  const value = asObject(resource[field]);
  return asObject(metric)["type"] === "Resource" && resource["name"] === "cpu" &&
    (field === "current" || value["type"] === "Utilization") &&
    typeof value["averageUtilization"] === "number";
}

function cpuMetric(percent: number, field: "target" | "current"): JsonObject {
  const value = field === "target"
    ? { type: "Utilization", averageUtilization: percent }
    : { averageUtilization: percent };
  return { type: "Resource", resource: { name: "cpu", [field]: value } };
}

function setIf(obj: JsonObject, key: string, value: unknown): void {
  if (value !== undefined) obj[key] = value;
}

/** The fields both versions' specs share, copied where set. */
const SHARED_SPEC = ["scaleTargetRef", "minReplicas", "maxReplicas"];

function copySet(target: JsonObject, source: JsonObject, keys: readonly string[]): void {
  for (const key of keys) setIf(target, key, source[key]);
}

/** `resource.<field>.averageUtilization` of a metric (target or current), if any. */
function utilization(metric: unknown, field: "target" | "current"): unknown {
  return asObject(asObject(asObject(metric)["resource"])[field])["averageUtilization"];
}

function toV1(v2: JsonObject): JsonObject {
  const out = cloneJson(v2);
  const spec = asObject(v2["spec"]), status = asObject(v2["status"]);
  const metrics = asList(spec["metrics"]);
  const cpu = metrics.find((m) => isCpuUtilization(m, "target"));
  const current = asList(status["currentMetrics"]);
  const cpuNow = current.find((m) => isCpuUtilization(m, "current"));
  stash(out, {
    metrics: metrics.filter((m) => m !== cpu),
    currentMetrics: current.filter((m) => m !== cpuNow),
    conditions: status["conditions"],
    behavior: spec["behavior"],
  });
  const v1Spec: JsonObject = {};
  copySet(v1Spec, spec, SHARED_SPEC);
  setIf(v1Spec, "targetCPUUtilizationPercentage", utilization(cpu, "target"));
  out["spec"] = v1Spec;
  if (!isObject(v2["status"])) return out;
  const v1Status: JsonObject = {};
  copySet(v1Status, status, ["observedGeneration", "lastScaleTime"]);
  v1Status["currentReplicas"] = status["currentReplicas"] ?? 0;
  v1Status["desiredReplicas"] = status["desiredReplicas"] ?? 0;
  setIf(v1Status, "currentCPUUtilizationPercentage", utilization(cpuNow, "current"));
  out["status"] = v1Status;
  return out;
}

function toV2(v1: JsonObject): JsonObject {
  const out = cloneJson(v1);
  const extra = unstash(out);
  const spec = asObject(v1["spec"]), status = asObject(v1["status"]);
  const target = spec["targetCPUUtilizationPercentage"];
  const metrics = [
    ...(typeof target === "number" ? [cpuMetric(target, "target")] : []),
    ...asList(extra.metrics),
  ];
  const v2Spec: JsonObject = {};
  copySet(v2Spec, spec, SHARED_SPEC);
  if (metrics.length > 0) v2Spec["metrics"] = metrics;
  setIf(v2Spec, "behavior", extra.behavior);
  out["spec"] = v2Spec;
  if (!isObject(v1["status"])) return out;
  const now = status["currentCPUUtilizationPercentage"];
  const current = [
    ...(typeof now === "number" ? [cpuMetric(now, "current")] : []),
    ...asList(extra.currentMetrics),
  ];
  const v2Status: JsonObject = {};
  copySet(v2Status, status, [
    "observedGeneration",
    "lastScaleTime",
    "currentReplicas",
    "desiredReplicas",
  ]);
  if (current.length > 0) v2Status["currentMetrics"] = current;
  setIf(v2Status, "conditions", extra.conditions);
  out["status"] = v2Status;
  return out;
}

/**
 * `obj` (a stored or written HorizontalPodAutoscaler) as `autoscaling/<version>`: a converted copy,
 * or `obj` itself when it already is in that version or is of another kind.
 */
export function convertVersion(
  group: string,
  kind: string,
  obj: JsonObject,
  version: string,
): JsonObject {
  if (group !== "autoscaling" || kind !== "HorizontalPodAutoscaler") return obj;
  const from = String(obj["apiVersion"] ?? "").slice("autoscaling/".length);
  if (from === version || (version !== "v1" && version !== "v2")) return obj;
  const converted = version === "v1" ? toV1(obj) : toV2(obj);
  converted["apiVersion"] = `autoscaling/${version}`;
  return converted;
}

/** The version objects of a kind are stored in, when kube stores it in one version only. */
export function storageVersionOf(group: string, kind: string): string | undefined {
  return group === "autoscaling" && kind === "HorizontalPodAutoscaler" ? "v2" : undefined;
}
