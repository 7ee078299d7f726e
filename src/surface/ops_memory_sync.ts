/** `memory_sync` and the cluster side of `memory_stats`: memory shared through the cluster. */
import { z } from "zod";
import type { Engine } from "../engine/mod.ts";
import {
  clusterSyncOf,
  type SyncedMemoryStore,
  type SyncReport,
  type SyncStats,
} from "../memory_cluster/mod.ts";
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import type { Operation } from "./operation.ts";

type NoInput = Record<string, never>;

function syncedOf(engine: Engine): SyncedMemoryStore {
  const synced = clusterSyncOf(engine.memory);
  if (synced) return synced;
  throw new NopeaError(
    "SPEC_INVALID",
    "Cannot sync memory: memory is kept in the file store only (--memory-store file)",
    { hint: "Pass --memory-store cluster or set NOPEA_MEMORY_STORE=cluster to share memory" },
  );
}

/** Why the cluster side could not be read: the fault's code, message and hint. */
export interface ClusterSideFault {
  error: { code: string; message: string; hint?: string };
}

/** The cluster side of `memory_stats`: its counts, or why they could not be read. */
export type ClusterSide = SyncStats | ClusterSideFault;

/**
 * The cluster side of memory, when memory is synced with the cluster; else `undefined`.
 * A cluster fault (unreachable, denied) becomes a value, so local stats are still shown.
 */
export async function clusterSideOf(engine: Engine): Promise<ClusterSide | undefined> {
  const synced = clusterSyncOf(engine.memory);
  if (!synced) return undefined;
  try {
    return await synced.syncStats();
  } catch (e) {
    if (!isNopeaError(e)) throw e;
    return { error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
  }
}

/** The output shape of {@linkcode clusterSideOf}, for `memory_stats`. */
export const clusterSideShape = z.union([
  z.object({
    cluster: z.object({
      namespace: z.string(),
      chunks: z.number(),
      occurrences: z.number(),
      head: z.number(),
    }),
    pending: z.number(),
  }),
  z.object({
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
  }),
]).optional().describe(
  "The cluster store, when memory is shared through the cluster (or why it could not be read)",
);

/** `memory_sync`: pulls what the cluster holds that local memory lacks, and pushes the rest. */
export const memorySyncOperation: Operation<NoInput, SyncReport> = {
  name: "memory_sync",
  title: "Sync memory with the cluster",
  description: "With the cluster memory store (--memory-store cluster), reads the occurrences " +
    "other machines recorded into local memory and writes the local ones the cluster lacks " +
    "(recorded offline, or whose push failed); both merge by occurrence id. Returns how many " +
    "were pulled and pushed.",
  input: {},
  output: { pulled: z.number(), pushed: z.number() },
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  run: (engine) => syncedOf(engine).sync(),
};
