/** What a deploy reads from memory before applying: last applied content, dependencies. */
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import type { Memory } from "../memory/mod.ts";
import { dependsOnServices, type KnownService } from "../plan/mod.ts";
import { contentHash } from "../apply/mod.ts";

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
