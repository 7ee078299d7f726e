/** The readiness rules of `kubectl rollout status` (external-formats §6.4), for assertions. */
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { condition, meta, status } from "./_harness.ts";

/** What `kubectl rollout status` would say. */
export interface RolloutVerdict {
  done: boolean;
  error?: string;
  message: string;
}

const int = (o: JsonObject, key: string): number =>
  typeof o[key] === "number" ? o[key] as number : 0;

/** `kubectl rollout status deployment/<name>`. */
export function deploymentVerdict(d: JsonObject): RolloutVerdict {
  const s = status(d);
  const spec = d["spec"] as JsonObject;
  const name = String(meta(d)["name"]);
  if (int(meta(d), "generation") > int(s, "observedGeneration")) {
    return { done: false, message: "Waiting for deployment spec update to be observed..." };
  }
  if (condition(d, "Progressing")?.["reason"] === "ProgressDeadlineExceeded") {
    const error = `deployment "${name}" exceeded its progress deadline`;
    return { done: false, error, message: error };
  }
  const replicas = typeof spec["replicas"] === "number" ? spec["replicas"] : undefined;
  const updated = int(s, "updatedReplicas");
  if (replicas !== undefined && updated < replicas) {
    return {
      done: false,
      message: `${updated} out of ${replicas} new replicas have been updated...`,
    };
  }
  if (int(s, "replicas") > updated) {
    return {
      done: false,
      message: `${int(s, "replicas") - updated} old replicas are pending termination...`,
    };
  }
  if (int(s, "availableReplicas") < updated) {
    return {
      done: false,
      message: `${int(s, "availableReplicas")} of ${updated} updated replicas are available...`,
    };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

/** `kubectl rollout status statefulset/<name>` (RollingUpdate). */
export function statefulSetVerdict(o: JsonObject): RolloutVerdict {
  const s = status(o);
  const spec = o["spec"] as JsonObject;
  if (
    int(s, "observedGeneration") === 0 || int(meta(o), "generation") > int(s, "observedGeneration")
  ) {
    return { done: false, message: "Waiting for statefulset spec update to be observed..." };
  }
  const replicas = int(spec, "replicas");
  if (int(s, "readyReplicas") < replicas) {
    return {
      done: false,
      message: `Waiting for ${replicas - int(s, "readyReplicas")} pods to be ready...`,
    };
  }
  const partition = int(
    ((spec["updateStrategy"] as JsonObject)["rollingUpdate"] ?? {}) as JsonObject,
    "partition",
  );
  if (int(s, "updatedReplicas") < replicas - partition) {
    return { done: false, message: "Waiting for partitioned roll out to finish..." };
  }
  return { done: true, message: "partitioned roll out complete" };
}

/** `kubectl rollout status daemonset/<name>`. */
export function daemonSetVerdict(o: JsonObject): RolloutVerdict {
  const s = status(o);
  if (int(meta(o), "generation") > int(s, "observedGeneration")) {
    return { done: false, message: "Waiting for daemon set spec update to be observed..." };
  }
  const desired = int(s, "desiredNumberScheduled");
  if (int(s, "updatedNumberScheduled") < desired) {
    return { done: false, message: "Waiting for daemon set rollout to finish: not all updated" };
  }
  if (int(s, "numberAvailable") < desired) {
    return { done: false, message: "Waiting for daemon set rollout to finish: not all available" };
  }
  return { done: true, message: "daemon set successfully rolled out" };
}
