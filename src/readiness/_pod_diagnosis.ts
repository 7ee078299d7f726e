/** Finds the pods of a workload's newest revision and reads their problems and Warning events. */
import type { ClusterPort } from "../kube/mod.ts";
import { isPlainObject, type KubeObject } from "../manifests/mod.ts";
import { type PodProblem, podProblems } from "./pod_problems.ts";

/** Per-namespace lists fetched once per polling round. */
export type PodCache = Map<
  string,
  Promise<{ pods: KubeObject[]; sets: KubeObject[]; events: KubeObject[] }>
>;

function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  const refs = obj.metadata.ownerReferences ?? [];
  return uid !== undefined && refs.some((r) => isPlainObject(r) && r["uid"] === uid);
}

const REVISION = "deployment.kubernetes.io/revision";

/** The problems of the pods of a workload (for a Deployment: of its newest ReplicaSet). */
export async function diagnosePods(
  cluster: ClusterPort,
  workload: KubeObject,
  cache: PodCache,
): Promise<PodProblem[]> {
  const ns = workload.metadata.namespace ?? "default";
  if (!cache.has(ns)) {
    cache.set(
      ns,
      Promise.all([
        cluster.list("v1", "Pod", { namespace: ns }),
        cluster.list("apps/v1", "ReplicaSet", { namespace: ns }),
        cluster.list("v1", "Event", { namespace: ns }),
      ]).then(([pods, sets, events]) => ({ pods, sets, events })),
    );
  }
  const { pods, sets, events } = await cache.get(ns)!;
  let owners = [workload.metadata.uid];
  if (workload.kind === "Deployment") {
    const mine = sets.filter((rs) => ownedBy(rs, workload.metadata.uid));
    const revision = workload.metadata.annotations?.[REVISION];
    const newest = mine.find((rs) =>
      revision && rs.metadata.annotations?.[REVISION] === revision
    ) ??
      mine.sort((a, b) =>
        (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "")
      )[0];
    owners = newest ? [newest.metadata.uid] : [];
  }
  const mine = pods.filter((p) => owners.some((uid) => ownedBy(p, uid)));
  return podProblems(mine, events);
}

/** The pod problems of one workload now (a fresh read of its namespace's pods and events). */
export function podProblemsOf(cluster: ClusterPort, workload: KubeObject): Promise<PodProblem[]> {
  return diagnosePods(cluster, workload, new Map());
}
