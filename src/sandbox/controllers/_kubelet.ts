/** The simulated kubelet: every pod's status follows its containers' simulated lives. */
import type { JsonObject } from "../types.ts";
import { type ContainerView, type PodClock, simulateContainer } from "./_container_sim.ts";
import { KUBELET, recordEvents } from "./_events.ts";
import { compact, isObject, metaOf, obj, objects, str } from "./_json.ts";
import { HOST_IP, isTerminal } from "./_pods.ts";
import type { Ref, Runtime } from "./_runtime.ts";
import { failureFor, type FailureRule } from "./options.ts";
import { timestamp } from "../_timestamps.ts";

function phaseOf(views: readonly ContainerView[], restartPolicy: string): string {
  if (restartPolicy !== "Always" && views.every((v) => v.exited)) {
    return views.every((v) => v.exited?.code === 0) ? "Succeeded" : "Failed";
  }
  return views.every((v) => v.created) ? "Running" : "Pending";
}

function readiness(views: readonly ContainerView[], start: number, phase: string) {
  const ready = views.length > 0 && views.every((v) => v.readySince !== undefined);
  if (ready) return { ready, at: Math.max(...views.map((v) => v.readySince ?? start)) };
  const exits = views.map((v) => v.exited?.at ?? start);
  return { ready, at: phase === "Running" || phase === "Pending" ? start : Math.max(...exits) };
}

function conditions(views: readonly ContainerView[], start: number, phase: string): JsonObject[] {
  const { ready, at } = readiness(views, start, phase);
  const unready = views.filter((v) => v.readySince === undefined).map((v) => v.status["name"]);
  const notReady = phase === "Succeeded" ? { reason: "PodCompleted" } : {
    reason: "ContainersNotReady",
    message: `containers with unready status: [${unready.join(" ")}]`,
  };
  const readyCondition = (type: string) => ({
    type,
    status: ready ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: timestamp(at),
    ...(ready ? {} : notReady),
  });
  const since = { lastProbeTime: null, lastTransitionTime: timestamp(start) };
  return [
    { type: "Initialized", status: "True", ...since },
    readyCondition("Ready"),
    readyCondition("ContainersReady"),
    { type: "PodScheduled", status: "True", ...since },
  ];
}

function qosClass(containers: readonly JsonObject[]): string {
  const sized = containers.some((c) =>
    Object.keys(obj(obj(c["resources"])["requests"])).length > 0 ||
    Object.keys(obj(obj(c["resources"])["limits"])).length > 0
  );
  return sized ? "Burstable" : "BestEffort";
}

/** The status the kubelet reports for `pod` at `pc.now`, with its events and next change. */
function simulatePod(
  pod: JsonObject,
  pc: PodClock,
  rules: readonly FailureRule[],
  podIp: string,
): { status: JsonObject; views: ContainerView[]; nextAt?: number } {
  const containers = objects(obj(pod["spec"])["containers"]);
  const views = containers.map((c) => {
    const image = str(c["image"]) ?? "";
    const fate = failureFor(image, rules) ?? "run";
    return simulateContainer(str(c["name"]) ?? "", image, fate, pc);
  });
  const phase = phaseOf(views, pc.restartPolicy);
  const next = views.map((v) => v.nextAt).filter((t): t is number => t !== undefined);
  const status = compact({
    phase,
    conditions: conditions(views, pc.start, phase),
    hostIP: HOST_IP,
    hostIPs: [{ ip: HOST_IP }],
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    startTime: timestamp(pc.start),
    containerStatuses: views.map((v) => v.status),
    qosClass: qosClass(containers),
  });
  return { status, views, ...(next.length > 0 ? { nextAt: Math.min(...next) } : {}) };
}

function podIpOf(rt: Runtime, pod: JsonObject): string {
  const known = str(obj(pod["status"])["podIP"]);
  if (known) return known;
  const n = rt.serial("pod-ip");
  return `10.244.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`;
}

/** Reconciles one pod: writes its simulated status and events, and wakes at its next change. */
export function reconcilePod(rt: Runtime, ref: Ref): void {
  const pod = rt.get(ref);
  if (!pod) return;
  const m = metaOf(pod);
  if (m.deleting || (isObject(pod["status"]) && isTerminal(pod))) return;
  const pc: PodClock = {
    start: rt.since(m.uid, "start", Date.parse(str(obj(pod["status"])["startTime"]) ?? "")),
    now: rt.now(),
    delay: rt.settings.readyDelayMs,
    restartPolicy: str(obj(pod["spec"])["restartPolicy"]) ?? "Always",
    pod: m.name,
    namespace: m.namespace,
    uid: m.uid,
  };
  const sim = simulatePod(pod, pc, rt.settings.failureRules, podIpOf(rt, pod));
  rt.updateStatus(ref, pod, sim.status, KUBELET);
  recordEvents(rt, pod, sim.views.flatMap((v) => v.events));
  if (sim.nextAt !== undefined) rt.wakeAt(ref, sim.nextAt);
}
