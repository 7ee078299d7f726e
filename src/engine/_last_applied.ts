/**
 * What Nopea last applied to a service, object by object, whatever operation applied it (a
 * deploy, a failed or partial deploy, a rollback, a heal): the state drift compares against
 * and unchanged objects are skipped by.
 */
import type { DeployRecord } from "../deploys/mod.ts";
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import type { Memory } from "../memory/mod.ts";

/** The last applied objects of a service, by key, and the record that last applied anything. */
export interface LastApplied {
  /** The newest record that applied something (its namespace and id name the state). */
  record: DeployRecord;
  /** Each object as Nopea last applied it, by `formatKey()`. */
  objects: Map<string, KubeObject>;
}

const APPLIED = new Set(["created", "configured", "unchanged"]);
const HISTORY_READ = 50;

/** Whether a record applied its whole set: the state before it does not matter any more. */
function appliedEverything(r: DeployRecord): boolean {
  if (r.operation === "heal" || r.prune === false) return false;
  return r.status === "completed" || r.status === "progressing" ||
    (r.status === "rolledback" && r.error === undefined);
}

/**
 * Walks the service's records newest first (those of `namespace` when given: a service deployed
 * to several namespaces has a last-applied state in each): each object takes the content of the
 * newest record that applied it, back to the newest record that applied its whole set.
 */
export async function lastApplied(
  memory: Memory,
  service: string,
  namespace?: string,
): Promise<LastApplied | undefined> {
  const all = await memory.history(service, { limit: HISTORY_READ });
  const history = namespace === undefined ? all : all.filter((r) => r.namespace === namespace);
  const objects = new Map<string, KubeObject>();
  const removed = new Set<string>();
  let newest: DeployRecord | undefined;
  for (const record of history) {
    if (record.status === "refused") continue;
    // What a newer record deleted (prune, delete) is gone, whatever older records applied.
    for (const r of record.resources) if (r.action === "deleted") removed.add(r.key);
    if (record.operation === "delete") break;
    const applied = record.resources.filter((r) => APPLIED.has(r.action) && !removed.has(r.key));
    const set = applied.length > 0 && record.manifestsHash
      ? await memory.manifests(record.manifestsHash)
      : undefined;
    if (set) {
      newest ??= record;
      const byKey = new Map(set.map((o) => [formatKey(keyOf(o)), o]));
      for (const r of applied) {
        const object = byKey.get(r.key);
        if (object && !objects.has(r.key)) objects.set(r.key, object);
      }
    }
    if (appliedEverything(record)) break;
  }
  return newest ? { record: newest, objects } : undefined;
}

/** Whether a record is a version of the service (or its deletion): not a heal, not a refusal. */
export function isWholeDeploy(r: DeployRecord): boolean {
  return r.status !== "refused" && r.operation !== "heal";
}

/** The newest record of a whole deploy: what the service consists of now. */
export function lastWholeDeploy(history: readonly DeployRecord[]): DeployRecord | undefined {
  return history.find(isWholeDeploy);
}
