/** What a deploy reads from memory before applying: last applied content, dependencies. */
import type { KubeObject } from "../manifests/mod.ts";
import type { Memory } from "../memory/mod.ts";
import { dependsOnServices, type KnownService } from "../plan/mod.ts";
import { lastApplied, lastWholeDeploy } from "./_last_applied.ts";

/**
 * What Nopea last applied of the service, as memory stored it, by resource key: the apply step
 * and diff compare each object with it in place (no hashing of either side).
 */
export async function lastAppliedObjects(
  memory: Memory,
  service: string,
  namespace: string,
): Promise<ReadonlyMap<string, KubeObject>> {
  return (await lastApplied(memory, service, namespace))?.objects ?? new Map();
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
    const last = lastWholeDeploy(await memory.history(summary.service, { limit: 20 }));
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
