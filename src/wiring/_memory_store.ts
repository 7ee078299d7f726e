/** Which store memory uses (`--memory-store file|cluster`), and building it. */
import type { ClusterPort } from "../kube/mod.ts";
import { createMemory, FileMemoryStore, type Memory } from "../memory/mod.ts";
import {
  ClusterOccurrenceStore,
  fileSyncState,
  registerClusterSync,
  SyncedMemoryStore,
} from "../memory_cluster/mod.ts";
import { type Clock, type Logger, NopeaError } from "../shared/mod.ts";
import { permissionAwareStore } from "./_memory_permissions.ts";

/** Where memory is kept: `.nopea/` only, or `.nopea/` synced with the cluster. */
export type MemoryStoreKind = "file" | "cluster";

/** The store named by the option (flag), else `NOPEA_MEMORY_STORE`, else `file`. */
export function memoryStoreKind(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): MemoryStoreKind {
  const [name, value] = option !== undefined && option !== ""
    ? ["--memory-store", option]
    : ["NOPEA_MEMORY_STORE", env["NOPEA_MEMORY_STORE"] ?? ""];
  const text = value.trim();
  if (text === "") return "file";
  if (text === "file" || text === "cluster") return text;
  throw new NopeaError(
    "SPEC_INVALID",
    `Invalid ${name} "${value}": expected "file" or "cluster"`,
    {
      hint:
        `Set ${name} to "file" (memory in .nopea/ only) or "cluster" (shared through the cluster)`,
    },
  );
}

/** What {@linkcode openMemory} needs. */
export interface MemoryWiring {
  kind: MemoryStoreKind;
  dir: string;
  cluster: ClusterPort;
  clock: Clock;
  log: Logger;
}

/** The memory of the engine: the file store, synced with the cluster when `kind` is `cluster`. */
export function openMemory(wiring: MemoryWiring): Memory {
  const { dir, clock, log } = wiring;
  const file = permissionAwareStore(new FileMemoryStore(dir, { clock, log }), dir);
  if (wiring.kind === "file") return createMemory(file, { clock });
  const remote = new ClusterOccurrenceStore(wiring.cluster);
  const synced = new SyncedMemoryStore(file, remote, { state: fileSyncState(dir), log });
  return registerClusterSync(createMemory(synced, { clock }), synced);
}
