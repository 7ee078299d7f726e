/** The simulated life of one container: a pure function of its fate, its pod's start and the time. */
import { timestamp } from "../_timestamps.ts";
import type { JsonObject } from "../types.ts";
import { fnv1a64, imageId, qualifiedImage } from "./_hash.ts";
import type { FailureRule } from "./options.ts";

/** What happens to a container: it runs, or it fails by a failure rule. */
export type Fate = "run" | FailureRule["reason"];

/** The pod-level facts a container's life depends on. */
export interface PodClock {
  /** When the pod was first seen (ms). */
  start: number;
  now: number;
  /** readyDelayMs. */
  delay: number;
  restartPolicy: string;
  pod: string;
  namespace: string;
  uid: string;
}

/** A Warning event with how often and when it happened up to now. */
export interface Occurrences {
  container: string;
  reason: string;
  message: string;
  count: number;
  first: number;
  last: number;
}

/** One container at one instant. */
export interface ContainerView {
  /** The `containerStatuses[]` entry. */
  status: JsonObject;
  /** Started at least once (the pod can be Running). */
  created: boolean;
  /** When it became ready, if it is ready. */
  readySince?: number;
  /** Exit code and time once it terminated for good (pods that do not restart it). */
  exited?: { code: number; at: number };
  events: Occurrences[];
  /** The next instant its view changes. */
  nextAt?: number;
}

/** Kubelet back-off: 10 s doubling per retry, capped at 5 minutes. */
function backoffMs(retry: number): number {
  return Math.min(10_000 * 2 ** retry, 300_000);
}

/** A duration as Go prints it (`10s`, `1m20s`, `5m0s`). */
function goDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}

/** Attempt times: first at `first`, then each after the previous plus `gap(k)`, up to `now`. */
function attempts(first: number, now: number, gap: (k: number) => number): number[] {
  const out: number[] = [];
  for (let t = first, k = 0; t <= now; t += gap(k), k++) out.push(t);
  return out;
}

function occurrences(container: string, reason: string, message: string, times: number[]) {
  const first = times[0], last = times[times.length - 1];
  return first === undefined || last === undefined
    ? []
    : [{ container, reason, message, count: times.length, first, last }];
}

function containerId(pc: PodClock, name: string, run: number): string {
  const seed = `${pc.uid}/${name}/${run}`;
  return `containerd://${[0, 1, 2, 3].map((i) => fnv1a64(`${seed}/${i}`)).join("")}`;
}

function base(name: string, image: string): JsonObject {
  return { name, image, imageID: "", ready: false, restartCount: 0, started: false };
}

function creating(name: string, image: string, pc: PodClock): ContainerView {
  return {
    status: {
      ...base(name, image),
      state: { waiting: { reason: "ContainerCreating" } },
      lastState: {},
    },
    created: false,
    events: [],
    nextAt: pc.start + pc.delay,
  };
}

function runs(name: string, image: string, pc: PodClock): ContainerView {
  const startedAt = pc.start + pc.delay;
  const finite = pc.restartPolicy !== "Always";
  const id = { imageID: imageId(image), containerID: containerId(pc, name, 0) };
  if (finite && pc.now >= startedAt + pc.delay) {
    const at = startedAt + pc.delay;
    const terminated = {
      exitCode: 0,
      reason: "Completed",
      startedAt: timestamp(startedAt),
      finishedAt: timestamp(at),
      containerID: id.containerID,
    };
    return {
      status: { ...base(name, image), ...id, state: { terminated }, lastState: {} },
      created: true,
      exited: { code: 0, at },
      events: [],
    };
  }
  return {
    status: {
      ...base(name, image),
      ...id,
      ready: true,
      started: true,
      state: { running: { startedAt: timestamp(startedAt) } },
      lastState: {},
    },
    created: true,
    readySince: startedAt,
    events: [],
    ...(finite ? { nextAt: startedAt + pc.delay } : {}),
  };
}

function pullFails(name: string, image: string, fate: Fate, pc: PodClock): ContainerView {
  const gap = (k: number) => pc.delay + backoffMs(k);
  const tries = attempts(pc.start + pc.delay, pc.now, gap);
  const last = tries[tries.length - 1] ?? pc.start;
  const ref = qualifiedImage(image);
  const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": ` +
    `failed to resolve reference "${ref}": ${ref}: not found`;
  const backingOff = fate === "ImagePullBackOff" && pc.now >= last + pc.delay;
  const waiting = backingOff
    ? { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"` }
    : { reason: "ErrImagePull", message: error };
  const backoffs = fate === "ImagePullBackOff" ? tries.filter((t) => t + pc.delay <= pc.now) : [];
  const next = fate === "ImagePullBackOff" && !backingOff
    ? last + pc.delay
    : last + gap(tries.length - 1);
  return {
    status: { ...base(name, image), state: { waiting }, lastState: {} },
    created: false,
    events: [
      ...occurrences(name, "Failed", `Failed to pull image "${image}": ${error}`, tries),
      ...occurrences(
        name,
        "BackOff",
        `Back-off pulling image "${image}"`,
        backoffs.map((t) => t + pc.delay),
      ),
    ],
    nextAt: next,
  };
}

function misconfigured(name: string, image: string, pc: PodClock): ContainerView {
  const gap = (k: number) => pc.delay + backoffMs(k);
  const tries = attempts(pc.start + pc.delay, pc.now, gap);
  const message = `sandbox: container "${name}" cannot be configured: image "${image}" ` +
    "matches a CreateContainerConfigError failure rule";
  return {
    status: {
      ...base(name, image),
      imageID: imageId(image),
      state: { waiting: { reason: "CreateContainerConfigError", message } },
      lastState: {},
    },
    created: false,
    events: occurrences(name, "Failed", `Error: ${message}`, tries),
    nextAt: (tries[tries.length - 1] ?? pc.start) + gap(tries.length - 1),
  };
}

function crashes(name: string, image: string, pc: PodClock): ContainerView {
  const crashesAt = attempts(pc.start + pc.delay, pc.now, backoffMs);
  const k = crashesAt.length - 1;
  const at = crashesAt[k] ?? pc.start;
  const terminated = {
    exitCode: 1,
    reason: "Error",
    message: "sandbox: container exited with code 1",
    startedAt: timestamp(at),
    finishedAt: timestamp(at),
    containerID: containerId(pc, name, k),
  };
  const id = { imageID: imageId(image), containerID: terminated.containerID };
  if (pc.restartPolicy === "Never") {
    return {
      status: { ...base(name, image), ...id, state: { terminated }, lastState: {} },
      created: true,
      exited: { code: 1, at },
      events: [],
    };
  }
  const message = `back-off ${goDuration(backoffMs(k))} restarting failed container=${name} ` +
    `pod=${pc.pod}_${pc.namespace}(${pc.uid})`;
  return {
    status: {
      ...base(name, image),
      ...id,
      restartCount: k + 1,
      state: { waiting: { reason: "CrashLoopBackOff", message } },
      lastState: { terminated },
    },
    created: true,
    events: occurrences(name, "BackOff", "Back-off restarting failed container", crashesAt),
    nextAt: at + backoffMs(k),
  };
}

/** The container `name` running `image` with the given fate, as its kubelet reports it now. */
export function simulateContainer(
  name: string,
  image: string,
  fate: Fate,
  pc: PodClock,
): ContainerView {
  if (pc.now < pc.start + pc.delay) return creating(name, image, pc);
  switch (fate) {
    case "run":
      return runs(name, image, pc);
    case "ImagePullBackOff":
    case "ErrImagePull":
      return pullFails(name, image, fate, pc);
    case "CreateContainerConfigError":
      return misconfigured(name, image, pc);
    case "CrashLoopBackOff":
      return crashes(name, image, pc);
  }
}
