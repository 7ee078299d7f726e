/** Readiness of the built-in workloads: Deployments, StatefulSets, DaemonSets and Jobs. */
import type { KubeObject } from "../manifests/mod.ts";
import {
  conditionOf,
  failed,
  generationObserved,
  num,
  type Readiness,
  ready,
  sub,
  waiting,
} from "./_status.ts";

/** A Deployment: observed, within its progress deadline, updated, old replicas gone, available. */
export function deployment(obj: KubeObject): Readiness {
  const status = sub(obj, "status");
  const spec = sub(obj, "spec");
  if (!status || !generationObserved(obj) || status["observedGeneration"] === undefined) {
    return waiting("waiting for the deployment spec update to be observed");
  }
  const progressing = conditionOf(obj, "Progressing");
  if (progressing?.["reason"] === "ProgressDeadlineExceeded") {
    const message = `exceeded its progress deadline: ${String(progressing["message"] ?? "")}`;
    return failed("ProgressDeadlineExceeded", message.trim());
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

/** A StatefulSet with RollingUpdate: observed, pods ready, pods above the partition updated. */
export function statefulSet(obj: KubeObject): Readiness {
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

/** A DaemonSet: observed, every scheduled pod updated and available. */
export function daemonSet(obj: KubeObject): Readiness {
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

/** A Job: failed or complete by its conditions, else still running. */
export function job(obj: KubeObject): Readiness {
  const jobFailed = conditionOf(obj, "Failed");
  if (jobFailed?.["status"] === "True") {
    return failed(
      String(jobFailed["reason"] ?? "JobFailed"),
      `job failed: ${String(jobFailed["message"] ?? jobFailed["reason"] ?? "")}`,
    );
  }
  if (conditionOf(obj, "Complete")?.["status"] === "True") return ready("job complete");
  const status = sub(obj, "status");
  return waiting(
    `job running: ${num(status, "active")} active, ${num(status, "succeeded")} succeeded`,
  );
}
