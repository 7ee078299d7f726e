/** Readiness rules per kind (DESIGN §2.3, `kubectl rollout status` and kstatus). Pure. */
import { type KubeObject, parseApiVersion } from "../manifests/mod.ts";
import { conditionOf, genericResource, type Readiness, ready, sub, waiting } from "./_status.ts";
import { daemonSet, deployment, job, statefulSet } from "./_workload_rules.ts";

export { conditionOf, type Readiness, type ReadinessState } from "./_status.ts";

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
