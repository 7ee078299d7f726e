/** Inputs a deploy reads before applying: live objects, last applied content, dependencies. */
import type { ClusterPort } from "../kube/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import type { Memory } from "../memory/mod.ts";
import { dependsOnServices, type KnownService } from "../plan/mod.ts";
import { contentHash } from "./_live_state.ts";

/** The live objects among `objects`, by key: one list per kind and namespace, not one get each. */
export async function liveObjects(
  cluster: ClusterPort,
  objects: readonly KubeObject[],
): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, KubeObject[]>();
  for (const obj of objects) {
    const g = `${obj.apiVersion}|${obj.kind}|${obj.metadata.namespace ?? ""}`;
    groups.set(g, [...(groups.get(g) ?? []), obj]);
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

/** Content hashes of what the last completed deploy of the service applied, by resource key. */
export async function lastAppliedHashes(
  memory: Memory,
  service: string,
): Promise<Map<string, string>> {
  const [last] = await memory.history(service, { limit: 1, status: "completed" });
  const objects = last?.manifestsHash ? await memory.manifests(last.manifestsHash) : undefined;
  return new Map((objects ?? []).map((o) => [formatKey(keyOf(o)), contentHash(o)]));
}

/** Other Nopea services whose Services these manifests reference. */
export async function dependsOnOf(
  memory: Memory,
  objects: readonly KubeObject[],
  service: string,
  namespace: string,
): Promise<string[]> {
  const known: KnownService[] = [];
  for (const summary of await memory.services()) {
    if (summary.service === service) continue;
    const [last] = await memory.history(summary.service, { limit: 1 });
    for (const r of last?.resources ?? []) {
      if (r.kind === "Service") {
        known.push({
          name: r.name,
          namespace: r.namespace ?? last!.namespace,
          service: summary.service,
        });
      }
    }
  }
  const found = dependsOnServices(objects, known, { namespace });
  return [...new Set(found.map((s) => s.service).filter((s): s is string => s !== undefined))]
    .sort();
}
