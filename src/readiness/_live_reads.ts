/** Reading awaited objects: one list per kind and namespace, a get for a single object. */
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import { groupOf } from "./_live_watch.ts";
import { readinessOf, type ReadinessState } from "./rules.ts";

/**
 * Marks ready what the apply's answer already shows ready (a ConfigMap, or an object whose
 * status the server had already brought up to date), so it is not read again. The answer is the
 * server's view at that moment, as fresh as a read would be; a changed workload's answer has a
 * newer generation than its status has observed, so it is still read.
 */
export function readyByAnswer(
  progress: readonly { key: string; state: ReadinessState | "timeout"; message: string }[],
  answers: ReadonlyMap<string, KubeObject> | undefined,
): void {
  for (const p of progress) {
    const answer = answers?.get(p.key);
    const readiness = answer ? readinessOf(answer) : undefined;
    if (readiness?.state === "ready") {
      Object.assign(p, { state: "ready", message: readiness.message, readyAfterMs: 0 });
    }
  }
}

/** The live objects of `pending`, by key (`undefined` when gone). */
export async function fetchLive(
  cluster: ClusterPort,
  pending: readonly { key: string; resource: ResourceKey }[],
  labelSelector: string | undefined,
): Promise<Map<string, KubeObject | undefined>> {
  const groups = new Map<string, { key: string; resource: ResourceKey }[]>();
  for (const p of pending) {
    const group = groups.get(groupOf(p.resource));
    if (group) group.push(p);
    else groups.set(groupOf(p.resource), [p]);
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
