/** liveObjects: what the cluster holds of a manifest set, read in few requests. */
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";

/** The live objects among `objects`, by key: one list per kind and namespace, not one get each. */
export async function liveObjects(
  cluster: ClusterPort,
  objects: readonly KubeObject[],
): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, KubeObject[]>();
  for (const obj of objects) {
    const g = `${obj.apiVersion}|${obj.kind}|${obj.metadata.namespace ?? ""}`;
    const group = groups.get(g);
    if (group) group.push(obj);
    else groups.set(g, [obj]);
  }
  const live = new Map<string, KubeObject>();
  await Promise.all([...groups.values()].map(async (items) => {
    const first = items[0]!;
    if (!(await cluster.discover(first.apiVersion, first.kind))) return; // a CRD of this deploy
    const found = items.length <= 2
      ? (await Promise.all(items.map((o) => cluster.get(keyOf(o))))).filter((o) => o !== undefined)
      : await cluster.list(first.apiVersion, first.kind, {
        ...(first.metadata.namespace ? { namespace: first.metadata.namespace } : {}),
      });
    for (const obj of found) live.set(formatKey(keyOf(obj)), obj);
  }));
  return live;
}
