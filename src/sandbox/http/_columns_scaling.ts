/**
 * kube-apiserver's printers for HorizontalPodAutoscaler (the same columns through v1 and v2) and
 * PriorityClass, so `kubectl get hpa` and `kubectl get priorityclass` print kubectl's columns.
 */
import type { JsonObject } from "../types.ts";
import { AGE, at, col, type Column, int, list, NAME, str } from "./_cells.ts";

/** A metric's target as kube prints it: `80%` for a utilization, else the quantity. */
function targetText(target: unknown): string {
  const utilization = at(target, "averageUtilization");
  if (typeof utilization === "number") return `${utilization}%`;
  return String(at(target, "averageValue") ?? at(target, "value") ?? "<unknown>");
}

function currentText(current: JsonObject | undefined, utilization: boolean): string {
  if (current === undefined) return "<unknown>";
  const value = at(current, "averageUtilization");
  if (utilization && typeof value === "number") return `${value}%`;
  return String(at(current, "averageValue") ?? at(current, "value") ?? "<unknown>");
}

/** `cpu: 40%/80%` per Resource metric, `<unknown>/<target>` for others; v1's CPU target too. */
function targets(hpa: JsonObject): string {
  const v1Target = at(hpa, "spec.targetCPUUtilizationPercentage");
  if (typeof v1Target === "number") {
    const now = at(hpa, "status.currentCPUUtilizationPercentage");
    return `cpu: ${typeof now === "number" ? `${now}%` : "<unknown>"}/${v1Target}%`;
  }
  const metrics = list(hpa, "spec.metrics");
  if (metrics.length === 0) return "<none>";
  const currents = list(hpa, "status.currentMetrics");
  return metrics.map((m) => {
    const type = String(m["type"] ?? "");
    const key = type.charAt(0).toLowerCase() + type.slice(1);
    const source = at(m, key) as JsonObject | undefined;
    const name = String(at(source, "name") ?? at(source, "metric.name") ?? type);
    const target = at(source, "target");
    const seen = currents.find((c) =>
      c["type"] === type && String(at(at(c, key), "name") ?? at(at(c, key), "metric.name")) === name
    );
    const current = at(seen, `${key}.current`) as JsonObject | undefined;
    const utilization = at(target, "type") === "Utilization";
    return `${name}: ${currentText(current, utilization)}/${targetText(target)}`;
  }).join(", ");
}

const HPA: Column[] = [
  NAME,
  col(
    "Reference",
    (o) => `${str(o, "spec.scaleTargetRef.kind", "")}/${str(o, "spec.scaleTargetRef.name", "")}`,
  ),
  col("Targets", targets),
  col("MinPods", (o) => String(at(o, "spec.minReplicas") ?? "<unset>")),
  col("MaxPods", (o) => Number(at(o, "spec.maxReplicas") ?? 0), int),
  col("Replicas", (o) => Number(at(o, "status.currentReplicas") ?? 0), int),
  AGE,
];

const PRIORITY_CLASS: Column[] = [
  NAME,
  col("Value", (o) => Number(at(o, "value") ?? 0), int),
  col("Global-Default", (o) => String(at(o, "globalDefault") === true)),
  AGE,
  col("PreemptionPolicy", (o) => str(o, "preemptionPolicy", "")),
];

/** Complete column lists of the autoscaling and scheduling kinds, by `group/Kind`. */
export const SCALING_COLUMNS: Readonly<Record<string, Column[]>> = {
  "autoscaling/HorizontalPodAutoscaler": HPA,
  "scheduling.k8s.io/PriorityClass": PRIORITY_CLASS,
};
