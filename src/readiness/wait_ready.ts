/** waitReady: follows applied objects until ready, failed, or the deadline; diagnoses pods on the way. */
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import type { PodProblem } from "./pod_problems.ts";
import { readinessOf, type ReadinessState } from "./rules.ts";
import type { Clock } from "../shared/mod.ts";
import { diagnosePods, type PodCache } from "./_pod_diagnosis.ts";
import { groupOf, LiveWatch } from "./_live_watch.ts";
import { watchCrowdedGroups } from "./_crowded_groups.ts";
import { fetchLive, readyByAnswer } from "./_live_reads.ts";

/** The live state of one resource while waiting. */
export interface ResourceProgress {
  key: string;
  resource: ResourceKey;
  state: ReadinessState | "timeout";
  message: string;
  reason?: string;
  problems: PodProblem[];
  /** Milliseconds since the wait started when this resource became ready. */
  readyAfterMs?: number;
}

/** Options of {@linkcode waitReady}. */
export interface WaitOptions {
  timeoutMs: number;
  /** How long a blocking pod problem (ImagePullBackOff, CrashLoopBackOff) is tolerated. */
  toleranceMs: number;
  clock: Clock;
  /** Waits `ms`; may end early once `signal` aborts (the wait does so when a watch wakes it). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** What the apply answered, by key: an object ready by its answer is not read again. */
  answers?: ReadonlyMap<string, KubeObject>;
  /** Restricts lists to Nopea's objects, e.g. `nopea.io/service=api`. */
  labelSelector?: string;
  onProgress?: (resources: readonly ResourceProgress[], elapsedMs: number) => void;
  signal?: AbortSignal;
}

/** How waiting ended. */
export interface WaitOutcome {
  status: "ready" | "failed" | "timeout";
  resources: ResourceProgress[];
  /** The resource that failed the wait, when one did. */
  failed?: ResourceProgress;
}

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);

/**
 * Waits until every resource is ready, one fails (a failed readiness rule, or a blocking pod
 * problem older than the tolerance window), or the timeout passes; a timeout names every
 * resource that is not ready and why. Kinds with several objects awaited in a namespace are
 * watched, so a change wakes the wait at once; the rest are read again after a backoff (100 ms,
 * doubling to 2 s), which also paces the pod diagnosis.
 */
export async function waitReady(
  cluster: ClusterPort,
  resources: readonly ResourceKey[],
  options: WaitOptions,
): Promise<WaitOutcome> {
  const start = options.clock.now();
  const progress: ResourceProgress[] = resources.map((resource) => ({
    key: formatKey(resource),
    resource,
    state: "progressing",
    message: "waiting",
    problems: [],
  }));
  readyByAnswer(progress, options.answers);
  const watch = new LiveWatch(cluster, options.labelSelector);
  const known = new Map<string, KubeObject | undefined>();
  /** Groups read after their watch started: from then on, their events are enough. */
  const synced = new Set<string>();
  const blockedSince = new Map<string, number>();
  let delay = 100;
  let diagnosedAt = -Infinity;
  try {
    for (;;) {
      const pending = progress.filter((p) => p.state === "progressing");
      const unsynced = pending.filter((p) => !synced.has(groupOf(p.resource)));
      const read = await fetchLive(cluster, unsynced, options.labelSelector);
      for (const p of unsynced) {
        known.set(p.key, watch.merge(p.key, read.get(p.key)));
        if (watch.watching(groupOf(p.resource))) synced.add(groupOf(p.resource));
      }
      const diagnose = options.clock.now() - diagnosedAt >= delay;
      if (diagnose) diagnosedAt = options.clock.now();
      const pods: PodCache = new Map();
      const elapsed = options.clock.now() - start;
      for (const p of pending) {
        const obj = watch.latest(p.key, known.get(p.key));
        const failed = await assess(p, obj, elapsed, diagnose ? pods : undefined);
        if (failed) return finish("failed", p);
      }
      options.onProgress?.(progress, elapsed);
      if (progress.every((p) => p.state === "ready")) return finish("ready");
      if (options.signal?.aborted) return finish("timeout");
      if (options.clock.now() - start >= options.timeoutMs) {
        for (const p of progress) if (p.state === "progressing") p.state = "timeout";
        return finish("timeout");
      }
      const left = options.timeoutMs - (options.clock.now() - start);
      // Kinds still awaited in numbers are watched from now on, and read once more at once.
      if (await watchCrowdedGroups(watch, progress)) continue;
      await pause(Math.max(1, Math.min(delay, left)), synced.size > 0 ? watch : undefined);
      delay = Math.min(delay * 2, 2000);
    }
  } finally {
    await watch.stop();
  }

  /** Updates `p` from the live object; true when it failed the wait. */
  async function assess(
    p: ResourceProgress,
    obj: KubeObject | undefined,
    elapsed: number,
    pods: PodCache | undefined,
  ): Promise<boolean> {
    if (!obj) {
      Object.assign(p, { message: "not found in the cluster (deleted while waiting?)" });
      return false;
    }
    const r = readinessOf(obj);
    Object.assign(p, { state: r.state, message: r.message }, r.reason ? { reason: r.reason } : {});
    if (r.state === "ready") p.readyAfterMs = elapsed;
    if (r.state === "failed") return true;
    if (r.state !== "progressing" || !WORKLOADS.has(obj.kind) || !pods) return false;
    p.problems = await diagnosePods(cluster, obj, pods);
    const blocking = p.problems.find((x) => x.blocking);
    if (!blocking) {
      blockedSince.delete(p.key);
      return false;
    }
    const since = blockedSince.get(p.key) ?? options.clock.now();
    blockedSince.set(p.key, since);
    if (options.clock.now() - since < options.toleranceMs) return false;
    Object.assign(p, {
      state: "failed",
      reason: blocking.reason,
      message: `${blocking.reason} on pod ${blocking.pod}${
        blocking.container ? ` container ${blocking.container}` : ""
      }: ${blocking.message}`,
    });
    return true;
  }

  /** Sleeps `ms`, or less when a watch sees a change first. */
  async function pause(ms: number, events: LiveWatch | undefined): Promise<void> {
    if (!events) return await options.sleep(ms);
    const timer = new AbortController();
    await Promise.race([events.changed(), options.sleep(ms, timer.signal)]);
    timer.abort();
  }

  function finish(status: WaitOutcome["status"], failed?: ResourceProgress): WaitOutcome {
    options.onProgress?.(progress, options.clock.now() - start);
    return { status, resources: progress, ...(failed ? { failed } : {}) };
  }
}
