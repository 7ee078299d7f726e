/** Reading awaited objects: one list per kind and namespace, a get for a single object. */
import type { ClusterPort } from "../kube/mod.ts";
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";
import { groupOf } from "./_live_watch.ts";

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
