/** Pods as workload controllers create and read them: construction, naming, readiness. */
import type { JsonObject } from "../types.ts";
import { nameSuffix } from "./_hash.ts";
import { compact, metaOf, num, obj, objects, str, stringMap } from "./_json.ts";
import type { Ref, Runtime } from "./_runtime.ts";
import { recordPodCreated } from "./_normal_events.ts";

/** The one node of the sandbox cluster. */
export const NODE_NAME = "sandbox-node";
/** The node's address. */
export const HOST_IP = "10.0.0.10";

/** An ownerReference to `owner` that marks it as the controller. */
export function controllerRef(owner: JsonObject): JsonObject {
  const m = metaOf(owner);
  return {
    apiVersion: owner["apiVersion"],
    kind: owner["kind"],
    name: m.name,
    uid: m.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** What a new pod is made of. */
export interface PodPlan {
  owner: JsonObject;
  name: string;
  template: JsonObject;
  /** Labels added to the template's labels. */
  labels?: Record<string, string>;
  generateName?: string;
  /** Fields merged over the template's pod spec. */
  spec?: JsonObject;
}

/** Creates a pod owned by `plan.owner`, bound to the sandbox node. */
export function createPod(rt: Runtime, plan: PodPlan): JsonObject {
  const tm = obj(plan.template["metadata"]);
  const spec = obj(plan.template["spec"]);
  const annotations = stringMap(tm["annotations"]);
  const pod: JsonObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: compact({
      name: plan.name,
      generateName: plan.generateName,
      namespace: metaOf(plan.owner).namespace,
      labels: { ...stringMap(tm["labels"]), ...plan.labels },
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      ownerReferences: [controllerRef(plan.owner)],
    }),
    spec: {
      ...spec,
      restartPolicy: str(spec["restartPolicy"]) ?? "Always",
      nodeName: NODE_NAME,
      ...plan.spec,
    },
  };
  const stored = rt.put(pod);
  rt.since(metaOf(stored).uid, "start");
  recordPodCreated(rt, plan.owner, metaOf(stored).name);
  return stored;
}

/** A free pod name `<base>-<5 chars>` in `namespace`. */
export function podName(rt: Runtime, namespace: string, base: string): string {
  for (let i = 0;; i++) {
    const name = `${base}-${nameSuffix(`${base}/${rt.now()}/${i}`)}`;
    if (!rt.get({ group: "", kind: "Pod", namespace, name })) return name;
  }
}

/** The ref of a pod. */
export function podRef(pod: JsonObject): Ref {
  const m = metaOf(pod);
  return { group: "", kind: "Pod", namespace: m.namespace, name: m.name };
}

/** `status.phase` of a pod (`Pending` when unset). */
export function phaseOf(pod: JsonObject): string {
  return str(obj(pod["status"])["phase"]) ?? "Pending";
}

/** Whether the pod has finished (Succeeded or Failed). */
export function isTerminal(pod: JsonObject): boolean {
  const phase = phaseOf(pod);
  return phase === "Succeeded" || phase === "Failed";
}

/** The time the pod became ready, or `undefined` when it is not ready. */
export function readySince(pod: JsonObject): number | undefined {
  const ready = objects(obj(pod["status"])["conditions"]).find((c) => c["type"] === "Ready");
  if (ready?.["status"] !== "True") return undefined;
  const at = Date.parse(str(ready["lastTransitionTime"]) ?? "");
  return Number.isNaN(at) ? 0 : at;
}

/** Counts of a set of pods, and when the next one becomes available. */
export interface PodCounts {
  total: number;
  ready: number;
  available: number;
  /** When a ready pod reaches `minReadySeconds`, if one is still waiting for it. */
  nextAvailableAt?: number;
}

/** Counts ready and available pods (available = ready for `minReadySeconds`). */
export function countPods(
  pods: readonly JsonObject[],
  minReadySeconds: number,
  now: number,
): PodCounts {
  const counts: PodCounts = { total: pods.length, ready: 0, available: 0 };
  for (const pod of pods) {
    const since = readySince(pod);
    if (since === undefined) continue;
    counts.ready++;
    const at = since + minReadySeconds * 1000;
    if (minReadySeconds <= 0 || now >= at) counts.available++;
    else counts.nextAvailableAt = Math.min(counts.nextAvailableAt ?? at, at);
  }
  return counts;
}

/** Live (not terminating) pods owned by `ownerUid`. */
export function ownedPods(rt: Runtime, ownerUid: string): JsonObject[] {
  return rt.children(ownerUid, "", "Pod").filter((p) => !metaOf(p).deleting);
}

/** `spec.minReadySeconds` of a workload. */
export function minReadySecondsOf(o: JsonObject): number {
  return num(obj(o["spec"])["minReadySeconds"]) ?? 0;
}

/** Omits zero counts, as the API server's `omitempty` does. */
export function nonZero(n: number): number | undefined {
  return n === 0 ? undefined : n;
}
