/**
 * Events the simulated controllers record about what they did (kube's reasons and wording):
 * `ScalingReplicaSet` on a Deployment, `SuccessfulCreate` on the workload that made a pod,
 * `SuccessfulDelete` on a ReplicaSet that scaled one away.
 * Like kube's recorder, a repeat of the same event raises its count instead of adding one; like
 * kube-apiserver (`--event-ttl`), an event is deleted an hour after it last happened.
 */
import type { JsonObject } from "../types.ts";
import { fnv1a64 } from "./_hash.ts";
import { metaOf, num } from "./_json.ts";
import type { Runtime } from "./_runtime.ts";
import { timestamp } from "../_timestamps.ts";

/** How long an event is kept after it last happened (kube-apiserver's default `--event-ttl`). */
export const EVENT_TTL_MS = 60 * 60 * 1000;

/** Deletes the event `ref` once it has not happened again for {@linkcode EVENT_TTL_MS}. */
export function expireEvent(rt: Runtime, event: JsonObject): void {
  const m = metaOf(event);
  const ref = { group: "", kind: "Event", namespace: m.namespace, name: m.name };
  const last = event["lastTimestamp"];
  rt.api.schedule(rt.now() + EVENT_TTL_MS, () => {
    if (rt.get(ref)?.["lastTimestamp"] === last) rt.remove(ref);
  });
}

/** What one event says, and who says it. */
export interface NormalEvent {
  reason: string;
  message: string;
  /** `deployment-controller`, `replicaset-controller`, ... */
  component: string;
}

/** Records `event` about `involved` (type Normal), or counts a repeat of it. */
export function recordNormalEvent(rt: Runtime, involved: JsonObject, event: NormalEvent): void {
  const m = metaOf(involved);
  const name = `${m.name}.${fnv1a64(`${m.uid}/${event.reason}/${event.message}`)}`;
  const ref = { group: "", kind: "Event", namespace: m.namespace, name };
  const existing = rt.get(ref);
  const now = timestamp(rt.now());
  if (existing) {
    const count = (num(existing["count"]) ?? 1) + 1;
    expireEvent(rt, rt.put({ ...existing, count, lastTimestamp: now }));
    return;
  }
  const stored = rt.put({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: m.namespace },
    involvedObject: {
      apiVersion: involved["apiVersion"],
      kind: involved["kind"],
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: (involved["metadata"] as JsonObject | undefined)?.["resourceVersion"],
    },
    reason: event.reason,
    message: event.message,
    source: { component: event.component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: "Normal",
    eventTime: null,
    reportingComponent: event.component,
    reportingInstance: "",
  });
  expireEvent(rt, stored);
}

/** `ScalingReplicaSet` on the Deployment, in the deployment controller's words. */
export function recordScaling(rt: Runtime, d: JsonObject, rs: JsonObject, from: number): void {
  const to = num((rs["spec"] as JsonObject | undefined)?.["replicas"]) ?? 0;
  if (to === from) return;
  const direction = to > from ? "up" : "down";
  recordNormalEvent(rt, d, {
    reason: "ScalingReplicaSet",
    message: `Scaled ${direction} replica set ${metaOf(rs).name} from ${from} to ${to}`,
    component: "deployment-controller",
  });
}

const POD_CREATORS: Readonly<Record<string, string>> = {
  ReplicaSet: "replicaset-controller",
  StatefulSet: "statefulset-controller",
  DaemonSet: "daemonset-controller",
  Job: "job-controller",
};

/** `SuccessfulCreate` on the workload that created pod `pod`, in its controller's words. */
export function recordPodCreated(rt: Runtime, owner: JsonObject, pod: string): void {
  const kind = String(owner["kind"]);
  const component = POD_CREATORS[kind];
  if (component === undefined) return;
  const message = kind === "StatefulSet"
    ? `create Pod ${pod} in StatefulSet ${metaOf(owner).name} successful`
    : `Created pod: ${pod}`;
  recordNormalEvent(rt, owner, { reason: "SuccessfulCreate", message, component });
}
