/** waitReady: polls applied objects until ready, failed, or the deadline; diagnoses pods on the way. */
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import type { PodProblem } from "./pod_problems.ts";
import { readinessOf, type ReadinessState } from "./rules.ts";
import type { Clock } from "../shared/mod.ts";
import { diagnosePods, type PodCache } from "./_pod_diagnosis.ts";

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
  sleep: (ms: number) => Promise<void>;
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

async function fetchLive(
  cluster: ClusterPort,
  pending: readonly ResourceProgress[],
  labelSelector: string | undefined,
): Promise<Map<string, KubeObject | undefined>> {
  const groups = new Map<string, ResourceProgress[]>();
  for (const p of pending) {
    const g = `${p.resource.apiVersion}|${p.resource.kind}|${p.resource.namespace ?? ""}`;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const live = new Map<string, KubeObject | undefined>();
  await Promise.all([...groups.values()].map(async (items) => {
    const first = items[0]!.resource;
    if (items.length === 1) {
      live.set(items[0]!.key, await cluster.get(first));
      return;
    }
    const list = await cluster.list(first.apiVersion, first.kind, {
      ...(first.namespace ? { namespace: first.namespace } : {}),
      ...(labelSelector ? { labelSelector } : {}),
    });
    const byName = new Map(list.map((o) => [o.metadata.name, o]));
    for (const item of items) live.set(item.key, byName.get(item.resource.name));
  }));
  return live;
}

/**
 * Waits until every resource is ready, one fails (a failed readiness rule, or a blocking pod
 * problem older than the tolerance window), or the timeout passes; a timeout names every
 * resource that is not ready and why.
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
  const blockedSince = new Map<string, number>();
  let delay = 100;
  for (;;) {
    const pending = progress.filter((p) => p.state === "progressing");
    const live = await fetchLive(cluster, pending, options.labelSelector);
    const pods: PodCache = new Map();
    const elapsed = options.clock.now() - start;
    for (const p of pending) {
      const obj = live.get(p.key);
      if (!obj) {
        Object.assign(p, { message: "not found in the cluster (deleted while waiting?)" });
        continue;
      }
      const r = readinessOf(obj);
      Object.assign(
        p,
        { state: r.state, message: r.message },
        r.reason ? { reason: r.reason } : {},
      );
      if (r.state === "ready") p.readyAfterMs = elapsed;
      if (r.state === "failed") return finish("failed", p);
      if (r.state === "progressing" && WORKLOADS.has(obj.kind)) {
        p.problems = await diagnosePods(cluster, obj, pods);
        const blocking = p.problems.find((x) => x.blocking);
        if (!blocking) blockedSince.delete(p.key);
        else {
          const since = blockedSince.get(p.key) ?? options.clock.now();
          blockedSince.set(p.key, since);
          if (options.clock.now() - since >= options.toleranceMs) {
            Object.assign(p, {
              state: "failed",
              reason: blocking.reason,
              message: `${blocking.reason} on pod ${blocking.pod}${
                blocking.container ? ` container ${blocking.container}` : ""
              }: ${blocking.message}`,
            });
            return finish("failed", p);
          }
        }
      }
    }
    options.onProgress?.(progress, elapsed);
    if (progress.every((p) => p.state === "ready")) return finish("ready");
    if (options.signal?.aborted) return finish("timeout");
    if (options.clock.now() - start >= options.timeoutMs) {
      for (const p of progress) if (p.state === "progressing") p.state = "timeout";
      return finish("timeout");
    }
    const left = options.timeoutMs - (options.clock.now() - start);
    await options.sleep(Math.max(1, Math.min(delay, left)));
    delay = Math.min(delay * 2, 2000);
  }

  function finish(status: WaitOutcome["status"], failed?: ResourceProgress): WaitOutcome {
    options.onProgress?.(progress, options.clock.now() - start);
    return { status, resources: progress, ...(failed ? { failed } : {}) };
  }
}
