/**
 * kube-apiserver's defaults and checks of PriorityClass (`scheduling.k8s.io/v1`) and the
 * defaults of HorizontalPodAutoscaler (both versions).
 */
import type { JsonObject, ResourceType } from "../types.ts";
import { child, isObject, meta } from "./_json.ts";
import type { CoreContext } from "./_context.ts";
import { ANNOTATIONS } from "./_hpa_annotations.ts";
import { type FieldCause, forbidden as forbiddenWrite, invalid, required } from "./_status.ts";

/** The highest `value` a PriorityClass not named `system-...` may have. */
export const HIGHEST_USER_PRIORITY = 1_000_000_000;
const PREEMPTION_POLICIES = ["Never", "PreemptLowerPriority"];
/** The CPU utilization an autoscaler with no metrics aims at. */
const DEFAULT_CPU = 80;

function isKind(type: ResourceType, group: string, kind: string): boolean {
  return type.crd === undefined && type.group === group && type.kind === kind;
}

/** Defaults: a PriorityClass's `preemptionPolicy`, an autoscaler's `minReplicas` and metrics. */
export function defaultSchedulingKinds(type: ResourceType, obj: JsonObject): void {
  if (isKind(type, "scheduling.k8s.io", "PriorityClass")) {
    obj["preemptionPolicy"] ??= "PreemptLowerPriority";
  } else if (isKind(type, "autoscaling", "HorizontalPodAutoscaler")) {
    const spec = child(obj, "spec");
    spec["minReplicas"] ??= 1;
    // kube's v2 default: no metrics means 80% average CPU utilization (v1 reads it back as 80)
    if (type.version === "v1") {
      const stashed = meta(obj)["annotations"];
      const others = isObject(stashed) && stashed[ANNOTATIONS.metrics];
      if (!others) spec["targetCPUUtilizationPercentage"] ??= DEFAULT_CPU;
    } else if (!Array.isArray(spec["metrics"]) || spec["metrics"].length === 0) {
      spec["metrics"] = [{
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: DEFAULT_CPU } },
      }];
    }
  }
}

function forbidden(field: string, message: string): FieldCause {
  return { reason: "FieldValueForbidden", field, message: `Forbidden: ${message}` };
}

/**
 * The 422 causes of a PriorityClass (none for other kinds): no `value`, a `value` above
 * {@linkcode HIGHEST_USER_PRIORITY} outside `system-` names, an unknown `preemptionPolicy`, and a
 * `value` or `preemptionPolicy` changed on an update.
 */
export function priorityClassCauses(
  type: ResourceType,
  obj: JsonObject,
  live: JsonObject | undefined,
): FieldCause[] {
  if (!isKind(type, "scheduling.k8s.io", "PriorityClass")) return [];
  const causes: FieldCause[] = [];
  const name = String(meta(obj)["name"] ?? "");
  const value = obj["value"];
  if (value === undefined || value === null) causes.push(required("value"));
  if (typeof value === "number" && value > HIGHEST_USER_PRIORITY && !name.startsWith("system-")) {
    causes.push(forbidden(
      "value",
      `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`,
    ));
  }
  const policy = obj["preemptionPolicy"];
  if (typeof policy === "string" && !PREEMPTION_POLICIES.includes(policy)) {
    causes.push({
      reason: "FieldValueNotSupported",
      field: "preemptionPolicy",
      message: `Unsupported value: "${policy}": supported values: "Never", "PreemptLowerPriority"`,
    });
  }
  if (live && isObject(live)) {
    for (const field of ["value", "preemptionPolicy"]) {
      if (live[field] !== undefined && obj[field] !== live[field]) {
        causes.push(forbidden(field, "may not be changed in an update."));
      }
    }
  }
  return causes;
}

/**
 * Throws what kube-apiserver answers for a PriorityClass write: 422 for the field checks of
 * {@linkcode priorityClassCauses}, 403 (the Priority admission plugin) for a second
 * `globalDefault: true` class.
 */
export function checkPriorityClass(
  ctx: CoreContext,
  type: ResourceType,
  obj: JsonObject,
  live: JsonObject | undefined,
): void {
  const causes = priorityClassCauses(type, obj, live);
  const name = String(meta(obj)["name"] ?? "");
  if (causes.length > 0) throw invalid(type, name, causes);
  if (!isKind(type, "scheduling.k8s.io", "PriorityClass") || obj["globalDefault"] !== true) return;
  const other = ctx.store.list(type.group, type.kind)
    .find((o) => o["globalDefault"] === true && meta(o)["name"] !== name);
  if (other) {
    const why = `PriorityClass ${meta(other)["name"]} is already marked as default. ` +
      "Only one default can exist";
    throw forbiddenWrite(type, name, why);
  }
}
