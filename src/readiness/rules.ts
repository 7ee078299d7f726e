/** Readiness rules per kind (DESIGN §2.3, `kubectl rollout status` and kstatus). Pure. */
import { isPlainObject, type KubeObject, parseApiVersion } from "../manifests/mod.ts";

/** How far an object is: ready, still progressing, or failed for good. */
export type ReadinessState = "ready" | "progressing" | "failed";

/** The readiness of one object, with a message a person can act on. */
export interface Readiness {
  /** Ready, progressing or failed. */
  state: ReadinessState;
  /** What the object is waiting for or why it failed. */
  message: string;
  /** A machine-readable reason on failure (`ProgressDeadlineExceeded`, `Stalled`, ...). */
  reason?: string;
}

type Obj = Record<string, unknown>;

function num(o: Obj | undefined, field: string): number {
  const v = o?.[field];
  return typeof v === "number" ? v : 0;
}

function sub(o: unknown, field: string): Obj | undefined {
  const v = isPlainObject(o) ? o[field] : undefined;
  return isPlainObject(v) ? v : undefined;
}

/** The condition of `type` in `status.conditions`, if any. */
export function conditionOf(obj: KubeObject, type: string): Obj | undefined {
  const conditions = sub(obj, "status")?.["conditions"];
  if (!Array.isArray(conditions)) return undefined;
  return conditions.find((c): c is Obj => isPlainObject(c) && c["type"] === type);
}

function generationObserved(obj: KubeObject): boolean {
  const status = sub(obj, "status");
  const observed = status?.["observedGeneration"];
  return typeof observed !== "number" || (obj.metadata.generation ?? 0) <= observed;
}

const ready = (message: string): Readiness => ({ state: "ready", message });
const waiting = (message: string): Readiness => ({ state: "progressing", message });

function deployment(obj: KubeObject): Readiness {
  const status = sub(obj, "status");
  const spec = sub(obj, "spec");
  if (!status || !generationObserved(obj) || status["observedGeneration"] === undefined) {
    return waiting("waiting for the deployment spec update to be observed");
  }
  const progressing = conditionOf(obj, "Progressing");
  if (progressing?.["reason"] === "ProgressDeadlineExceeded") {
    return {
      state: "failed",
      reason: "ProgressDeadlineExceeded",
      message: `exceeded its progress deadline: ${String(progressing["message"] ?? "")}`.trim(),
    };
  }
  const replicas = typeof spec?.["replicas"] === "number" ? spec["replicas"] : 1;
  const updated = num(status, "updatedReplicas");
  if (updated < replicas) return waiting(`${updated} of ${replicas} new replicas updated`);
  const total = num(status, "replicas");
  if (total > updated) return waiting(`${total - updated} old replicas pending termination`);
  const available = num(status, "availableReplicas");
  if (available < updated) return waiting(`${available} of ${updated} updated replicas available`);
  return ready(`${available}/${replicas} replicas available`);
}

function statefulSet(obj: KubeObject): Readiness {
  const status = sub(obj, "status");
  const spec = sub(obj, "spec");
  const strategy = sub(spec, "updateStrategy");
  if (strategy && strategy["type"] !== undefined && strategy["type"] !== "RollingUpdate") {
    return ready("update strategy is not RollingUpdate; readiness is not tracked");
  }
  if (!status || num(status, "observedGeneration") === 0 || !generationObserved(obj)) {
    return waiting("waiting for the statefulset spec update to be observed");
  }
  const replicas = typeof spec?.["replicas"] === "number" ? spec["replicas"] : 1;
  const readyReplicas = num(status, "readyReplicas");
  if (readyReplicas < replicas) return waiting(`${readyReplicas} of ${replicas} pods ready`);
  const partition = num(sub(strategy, "rollingUpdate"), "partition");
  const updated = num(status, "updatedReplicas");
  if (updated < replicas - partition) {
    return waiting(`${updated} of ${replicas - partition} pods updated`);
  }
  return ready(`${readyReplicas}/${replicas} pods ready`);
}

function daemonSet(obj: KubeObject): Readiness {
  const status = sub(obj, "status");
  if (!status || !generationObserved(obj) || status["observedGeneration"] === undefined) {
    return waiting("waiting for the daemonset spec update to be observed");
  }
  const desired = num(status, "desiredNumberScheduled");
  const updated = num(status, "updatedNumberScheduled");
  if (updated < desired) return waiting(`${updated} of ${desired} updated pods scheduled`);
  const available = num(status, "numberAvailable");
  if (available < desired) return waiting(`${available} of ${desired} updated pods available`);
  return ready(`${available}/${desired} pods available`);
}

function job(obj: KubeObject): Readiness {
  const failed = conditionOf(obj, "Failed");
  if (failed?.["status"] === "True") {
    return {
      state: "failed",
      reason: String(failed["reason"] ?? "JobFailed"),
      message: `job failed: ${String(failed["message"] ?? failed["reason"] ?? "")}`,
    };
  }
  if (conditionOf(obj, "Complete")?.["status"] === "True") return ready("job complete");
  const status = sub(obj, "status");
  return waiting(
    `job running: ${num(status, "active")} active, ${num(status, "succeeded")} succeeded`,
  );
}

function genericResource(obj: KubeObject): Readiness {
  if (!generationObserved(obj)) {
    return waiting("waiting for the controller to observe the latest generation");
  }
  const stalled = conditionOf(obj, "Stalled");
  if (stalled?.["status"] === "True") {
    return {
      state: "failed",
      reason: "Stalled",
      message: `stalled: ${String(stalled["message"] ?? "")}`,
    };
  }
  const readyCondition = conditionOf(obj, "Ready");
  if (!readyCondition) return ready("applied");
  if (readyCondition["status"] === "True") return ready("Ready");
  const reason = String(readyCondition["reason"] ?? "");
  const message = String(readyCondition["message"] ?? reason);
  return /Failed|Error|Invalid/.test(reason)
    ? { state: "failed", reason, message: `not ready: ${message}` }
    : waiting(`not ready yet: ${message}`);
}

/**
 * The readiness of a live object by the rules of DESIGN §2.3.
 *
 * @example
 * ```ts
 * import { readinessOf } from "./rules.ts";
 * import { equal } from "node:assert/strict";
 * const deploy = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a", generation: 1 },
 *   spec: { replicas: 1 }, status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 } };
 * equal(readinessOf(deploy).state, "ready");
 * ```
 */
export function readinessOf(obj: KubeObject): Readiness {
  const { group } = parseApiVersion(obj.apiVersion);
  const status = sub(obj, "status");
  switch (`${group}/${obj.kind}`) {
    case "apps/Deployment":
      return deployment(obj);
    case "apps/StatefulSet":
      return statefulSet(obj);
    case "apps/DaemonSet":
      return daemonSet(obj);
    case "batch/Job":
      return job(obj);
    case "/PersistentVolumeClaim":
      return status?.["phase"] === "Bound"
        ? ready("Bound")
        : waiting(`phase ${String(status?.["phase"] ?? "Pending")}`);
    case "/Service": {
      if (sub(obj, "spec")?.["type"] !== "LoadBalancer") return ready("applied");
      const ingress = sub(sub(status, "loadBalancer"), "ingress") ??
        sub(status, "loadBalancer")?.["ingress"];
      return Array.isArray(ingress) && ingress.length > 0
        ? ready("load balancer ingress assigned")
        : waiting("waiting for a load balancer ingress");
    }
    case "apiextensions.k8s.io/CustomResourceDefinition":
      return conditionOf(obj, "Established")?.["status"] === "True"
        ? ready("Established")
        : waiting("waiting for Established");
    default:
      return genericResource(obj);
  }
}
