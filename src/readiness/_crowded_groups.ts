/** Which kinds are worth a watch while waiting: those with several objects still awaited. */
import type { ResourceKey } from "../manifests/mod.ts";
import { groupOf, type LiveWatch } from "./_live_watch.ts";
import type { ResourceProgress } from "./wait_ready.ts";

/**
 * Watches every kind (per namespace) of which several objects are still awaited; true when a
 * watch was started.
 */
export async function watchCrowdedGroups(
  watch: LiveWatch,
  progress: readonly ResourceProgress[],
): Promise<boolean> {
  const counts = new Map<string, { resource: ResourceKey; count: number }>();
  for (const p of progress) {
    if (p.state !== "progressing" || watch.started(groupOf(p.resource))) continue;
    const group = counts.get(groupOf(p.resource));
    if (group) group.count++;
    else counts.set(groupOf(p.resource), { resource: p.resource, count: 1 });
  }
  const crowded = [...counts.values()].filter((g) => g.count > 1);
  await Promise.all(crowded.map((g) => watch.watch(g.resource)));
  return crowded.length > 0;
}
