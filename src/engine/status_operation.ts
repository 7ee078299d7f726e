/** engine.status and engine.health: the live state of a service, and whether Nopea can work. */
import type { DeployRecord } from "../deploys/mod.ts";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import { rolloutViewOf } from "../progressive/mod.ts";
import { podProblemsOf, readinessOf } from "../readiness/mod.ts";
import { isNopeaError, NopeaError, toErrorBody } from "../shared/mod.ts";
import type { EngineContext } from "./_engine_context.ts";
import { lastWholeDeploy } from "./_last_applied.ts";

/** One object of the last deploy, read live. */
export interface LiveResource {
  /** `formatKey()` of the object, as memory recorded it. */
  key: string;
  /** The object's apiVersion, as it was applied. */
  apiVersion: string;
  /** The object's kind. */
  kind: string;
  /** The object's name. */
  name: string;
  /** The object's namespace; absent when cluster-scoped. */
  namespace?: string;
  /** Readiness now; `missing` when the object is not in the cluster. */
  state: "ready" | "progressing" | "failed" | "missing";
  /** Why it is in that state. */
  message: string;
}

/** The state of a service: its last deploy and its objects now. */
export interface ServiceStatus {
  /** The service. */
  service: string;
  /** The service's most recent deploy, as memory recorded it. */
  lastDeploy: DeployRecord;
  /** Whether a deploy of the service is running in this process. */
  deploying: boolean;
  /** Each object of the last deploy, read live. */
  resources: LiveResource[];
  /** True when every object of the last deploy exists and is ready. */
  healthy: boolean;
}

/** Whether Nopea can do its job. */
export interface HealthReport {
  /** `ok` when both the cluster and memory are usable, else `degraded`. */
  status: "ok" | "degraded";
  /** Whether the cluster answers discovery, and the error when it does not. */
  cluster: { reachable: boolean; error?: string };
  /** Whether memory can be read, how many deploys it holds, and the error when it cannot. */
  memory: { readable: boolean; deploys?: number; error?: string };
  /** Services with a deploy running in this process. */
  activeDeploys: string[];
}

/** What an object's state is now: KULTA's phase for a Rollout, the readiness rules otherwise. */
async function liveState(
  ctx: EngineContext,
  live: KubeObject,
): Promise<Pick<LiveResource, "state" | "message">> {
  if (live.kind === "Rollout") {
    const view = rolloutViewOf(live);
    if (view.phase === "Completed") return { state: "ready", message: "rollout completed" };
    if (view.phase === "Failed") {
      return { state: "failed", message: view.message || "rollout failed" };
    }
    const at = view.weight === undefined ? "" : ` at ${view.weight}%`;
    const step = view.step === undefined || view.steps === undefined
      ? ""
      : ` (step ${Math.min(view.step + 1, view.steps)} of ${view.steps})`;
    const waiting = view.awaitingPromotion ? ", waiting for promotion" : "";
    return { state: "progressing", message: `${view.phase}${at}${step}${waiting}` };
  }
  const readiness = readinessOf(live);
  if (readiness.state === "ready") return { state: "ready", message: readiness.message };
  const problems = WORKLOADS.has(live.kind) ? await podProblemsOf(ctx.deps.cluster, live) : [];
  const problem = problems.find((p) => p.blocking) ?? problems[0];
  const why = problem ? `${problem.reason}: ${problem.message}` : readiness.message;
  return { state: readiness.state, message: why };
}

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);

/**
 * The status of a service (of its deploys to `namespace`, when given): its last deploy and each
 * of its objects read live.
 *
 * @throws {NopeaError} `SERVICE_NOT_FOUND` when memory has no deploy of it (there)
 */
export async function runStatus(
  ctx: EngineContext,
  service: string,
  namespace?: string,
): Promise<ServiceStatus> {
  const history = await ctx.memory.history(service, { limit: 50 });
  const last = lastWholeDeploy(
    namespace === undefined ? history : history.filter((r) => r.namespace === namespace),
  );
  if (!last) {
    const where = namespace === undefined ? "" : ` in namespace "${namespace}"`;
    throw new NopeaError(
      "SERVICE_NOT_FOUND",
      `No deploy of service "${service}"${where} is recorded`,
      {
        hint: "Run `nopea services` to list the services Nopea has deployed",
      },
    );
  }
  const resources = await Promise.all(
    last.resources.filter((r) => r.action !== "deleted").map(async (r): Promise<LiveResource> => {
      const key: ResourceKey = {
        apiVersion: r.apiVersion,
        kind: r.kind,
        name: r.name,
        ...(r.namespace ? { namespace: r.namespace } : {}),
      };
      const base = { key: r.key, ...key };
      const live = await ctx.deps.cluster.get(key);
      if (!live) return { ...base, state: "missing", message: "not found in the cluster" };
      return { ...base, ...(await liveState(ctx, live)) };
    }),
  );
  return {
    service,
    lastDeploy: last,
    deploying: ctx.queue.busy(service),
    resources,
    healthy: resources.every((r) => r.state === "ready"),
  };
}

/** Health of Nopea itself. */
export async function runHealth(ctx: EngineContext): Promise<HealthReport> {
  // A cluster port that fails before it returns a promise (no kubeconfig) is a finding too.
  const cluster = await Promise.resolve().then(() => ctx.deps.cluster.discover("v1", "Namespace"))
    .then(
      () => ({ reachable: true }),
      (e: unknown) => ({ reachable: false, error: toErrorBody(e).message }),
    );
  const memory = await Promise.resolve().then(() => ctx.memory.stats()).then(
    (s) => ({ readable: true, deploys: s.deploys }),
    (e: unknown) => ({ readable: false, error: isNopeaError(e) ? e.message : String(e) }),
  );
  return {
    status: cluster.reachable && memory.readable ? "ok" : "degraded",
    cluster,
    memory,
    activeDeploys: ctx.queue.active(),
  };
}
