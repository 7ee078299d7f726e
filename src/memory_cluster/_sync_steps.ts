/**
 * One pull and one push between a local MemoryStore and the cluster store, merged by
 * occurrence id. The local log is read whole only to reconcile (a new position, another
 * cluster, an explicit sync) or to find records whose push failed; a deploy's push sends the
 * record in hand.
 */
import type { KubeObject } from "../manifests/mod.ts";
import type { MemoryState, MemoryStore } from "../memory/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import type { ClusterOccurrenceStore } from "./cluster_store.ts";
import { uniqueByTime } from "./retention.ts";
import type { SyncState } from "./sync_state.ts";

async function localIds(local: MemoryStore): Promise<Set<string>> {
  const ids = new Set<string>();
  await local.eachOccurrence((o) => ids.add(o.id));
  return ids;
}

function isDeployOccurrence(o: Occurrence): o is DeployOccurrence {
  return o.type.startsWith("deploy.run.") && typeof o.data?.["record"] === "object";
}

/**
 * Reads the chunks new since `state.cursor` and appends to `local` the occurrences it does not
 * hold, oldest first; with `reconcile` (or an unreconciled position) compares with the whole
 * local log and notes what the cluster lacks as pending. Returns how many were appended.
 */
export async function pullInto(
  local: MemoryStore,
  remote: ClusterOccurrenceStore,
  state: SyncState,
  reconcile = false,
): Promise<number> {
  const read = await remote.readSince(state.cursor, state.headUid);
  if (read.reset) {
    state.remote.clear();
    state.reconciled = false;
  }
  const held = reconcile || !state.reconciled ? await localIds(local) : undefined;
  const known = (id: string) => held ? held.has(id) : state.remote.has(id) || state.pending.has(id);
  const fresh = uniqueByTime(read.occurrences).filter((o) => !known(o.id));
  for (const occurrence of read.occurrences) {
    state.remote.add(occurrence.id);
    state.pending.delete(occurrence.id);
  }
  state.cursor = read.cursor;
  state.headUid = read.headUid;
  if (held) {
    state.pending = new Set([...held].filter((id) => !state.remote.has(id)));
    state.reconciled = true;
  }
  const deploys = fresh.filter(isDeployOccurrence);
  if (deploys.length > 0) await local.recordAll(deploys);
  return deploys.length;
}

/**
 * Writes to the cluster the pending occurrences: those in hand, and (read from the local log)
 * any left from failed pushes. Returns how many were written.
 */
export async function pushPending(
  local: MemoryStore,
  remote: ClusterOccurrenceStore,
  state: SyncState,
  inHand: readonly Occurrence[] = [],
  sets: ReadonlyMap<string, readonly KubeObject[]> = new Map(),
): Promise<number> {
  for (const occurrence of inHand) state.pending.add(occurrence.id);
  if (!state.reconciled) await pullInto(local, remote, state, true);
  const pending = new Map(inHand.filter((o) => state.pending.has(o.id)).map((o) => [o.id, o]));
  if (pending.size < state.pending.size) {
    await local.eachOccurrence((o) => {
      if (state.pending.has(o.id)) pending.set(o.id, o);
    });
    // Pending ids the log no longer holds (compacted away) have nothing left to push.
    state.pending = new Set(pending.keys());
  }
  if (pending.size === 0) return 0;
  await pushManifestSets(local, remote, [...pending.values()], sets);
  await remote.write([...pending.values()]);
  for (const id of pending.keys()) {
    state.remote.add(id);
    state.pending.delete(id);
  }
  return pending.size;
}

/** How many local occurrences the cluster lacks, after a pull. */
export async function pendingAfterPull(
  local: MemoryStore,
  remote: ClusterOccurrenceStore,
  state: SyncState,
): Promise<number> {
  await pullInto(local, remote, state);
  return state.pending.size;
}

/** What `context` reads: the local store's cheap way to it (`loadContext`) when it has one. */
export function contextState(local: MemoryStore, service: string): Promise<MemoryState> {
  const store = local as MemoryStore & { loadContext?: (service: string) => Promise<MemoryState> };
  return store.loadContext ? store.loadContext(service) : store.load();
}

function manifestsHashOf(occurrence: Occurrence): string | undefined {
  const record = occurrence.data?.["record"] as { manifestsHash?: unknown } | undefined;
  return typeof record?.manifestsHash === "string" ? record.manifestsHash : undefined;
}

/** Writes the manifest sets the occurrences name (before them, so a reader finds them). */
async function pushManifestSets(
  local: MemoryStore,
  remote: ClusterOccurrenceStore,
  occurrences: readonly Occurrence[],
  sets: ReadonlyMap<string, readonly KubeObject[]>,
): Promise<void> {
  const hashes = new Set(occurrences.map(manifestsHashOf).filter((h) => h !== undefined));
  for (const hash of hashes) {
    const objects = sets.get(hash) ?? await local.manifests(hash);
    if (objects) await remote.writeManifests(hash, objects);
  }
}
