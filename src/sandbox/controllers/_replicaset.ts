/** The ReplicaSet controller: keeps `spec.replicas` pods and reports their readiness. */
import type { JsonObject } from "../types.ts";
import { compact, metaOf, num, obj } from "./_json.ts";
import {
  countPods,
  createPod,
  isTerminal,
  minReadySecondsOf,
  nonZero,
  ownedPods,
  podName,
  podRef,
  readySince,
} from "./_pods.ts";
import { recordNormalEvent } from "./_normal_events.ts";
import type { Ref, Runtime } from "./_runtime.ts";

const COMPONENT = "replicaset-controller";

/** Pods to delete first when scaling down: not ready before ready, newest before oldest. */
function deletionOrder(rt: Runtime, pods: JsonObject[]): JsonObject[] {
  const started = (p: JsonObject) => rt.mark(metaOf(p).uid, "start") ?? 0;
  return [...pods].sort((a, b) => {
    const readyA = readySince(a) !== undefined, readyB = readySince(b) !== undefined;
    if (readyA !== readyB) return readyA ? 1 : -1;
    return started(b) - started(a);
  });
}

function scale(rt: Runtime, rs: JsonObject, pods: JsonObject[]): void {
  const m = metaOf(rs);
  const desired = Math.max(0, num(obj(rs["spec"])["replicas"]) ?? 1);
  const template = obj(obj(rs["spec"])["template"]);
  for (let i = pods.length; i < desired; i++) {
    const name = podName(rt, m.namespace, m.name);
    createPod(rt, { owner: rs, name, generateName: `${m.name}-`, template });
  }
  if (pods.length <= desired) return;
  for (const pod of deletionOrder(rt, pods).slice(0, pods.length - desired)) {
    rt.remove(podRef(pod));
    const message = `Deleted pod: ${metaOf(pod).name}`;
    recordNormalEvent(rt, rs, { reason: "SuccessfulDelete", message, component: COMPONENT });
  }
}

/** Reconciles one ReplicaSet. */
export function reconcileReplicaSet(rt: Runtime, ref: Ref): void {
  const rs = rt.get(ref);
  if (!rs) return;
  const m = metaOf(rs);
  if (m.deleting) return;
  scale(rt, rs, ownedPods(rt, m.uid).filter((p) => !isTerminal(p)));
  const pods = ownedPods(rt, m.uid).filter((p) => !isTerminal(p));
  const counts = countPods(pods, minReadySecondsOf(rs), rt.now());
  const status = compact({
    replicas: counts.total,
    fullyLabeledReplicas: nonZero(counts.total),
    readyReplicas: nonZero(counts.ready),
    availableReplicas: nonZero(counts.available),
    observedGeneration: m.generation,
  });
  rt.updateStatus(ref, rs, status);
  if (counts.nextAvailableAt !== undefined) rt.wakeAt(ref, counts.nextAvailableAt);
}
