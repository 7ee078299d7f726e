/** Warning events the simulated kubelet records about a pod, aggregated by count like kubelet's. */
import type { JsonObject } from "../types.ts";
import type { Occurrences } from "./_container_sim.ts";
import { fnv1a64 } from "./_hash.ts";
import { metaOf, num, str } from "./_json.ts";
import { expireEvent } from "./_normal_events.ts";
import { NODE_NAME } from "./_pods.ts";
import type { Runtime } from "./_runtime.ts";
import { timestamp } from "../_timestamps.ts";

/** The field manager of pod status and events. */
export const KUBELET = "kubelet";

function eventFor(pod: JsonObject, o: Occurrences, name: string): JsonObject {
  const m = metaOf(pod);
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: m.namespace },
    involvedObject: {
      apiVersion: "v1",
      kind: "Pod",
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      fieldPath: `spec.containers{${o.container}}`,
    },
    reason: o.reason,
    message: o.message,
    source: { component: "kubelet", host: NODE_NAME },
    firstTimestamp: timestamp(o.first),
    lastTimestamp: timestamp(o.last),
    count: o.count,
    type: "Warning",
    eventTime: null,
    reportingComponent: "kubelet",
    reportingInstance: NODE_NAME,
  };
}

/** Creates or updates one Event per (container, reason, message) with its count and times. */
export function recordEvents(rt: Runtime, pod: JsonObject, all: readonly Occurrences[]): void {
  const m = metaOf(pod);
  for (const o of all) {
    const name = `${m.name}.${fnv1a64(`${m.uid}/${o.container}/${o.reason}/${o.message}`)}`;
    const existing = rt.get({ group: "", kind: "Event", namespace: m.namespace, name });
    if (
      existing && num(existing["count"]) === o.count &&
      str(existing["lastTimestamp"]) === timestamp(o.last)
    ) continue;
    const event = eventFor(pod, o, name);
    if (existing) event["metadata"] = { ...(existing["metadata"] as JsonObject) };
    expireEvent(rt, rt.put(event, KUBELET));
  }
}
