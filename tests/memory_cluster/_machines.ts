/** Test helper: "machines" that each keep their own memory, sharing one sandbox as the store. */
import { createEngine, type Engine } from "../../src/engine/mod.ts";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { createMemory, FileMemoryStore, type Memory } from "../../src/memory/mod.ts";
import {
  ClusterOccurrenceStore,
  fileSyncState,
  registerClusterSync,
  SyncedMemoryStore,
} from "../../src/memory_cluster/mod.ts";
import { type HttpSandbox, memoryLogger, seqIds } from "../../src/testing/mod.ts";
import type { LogRecord } from "../../src/shared/mod.ts";

/** One machine: its memory directory, synced store, memory, engine and log. */
export interface Machine {
  dir: string;
  store: SyncedMemoryStore;
  memory: Memory;
  engine: Engine;
  warnings(): string[];
}

/** A machine with its own `.nopea/` in `dir`, deploying to `h` through `cluster`. */
export function machine(
  h: HttpSandbox,
  dir: string,
  name: string,
  cluster: ClusterPort = h.cluster,
  compactAfterChunks = 100,
): Machine {
  const log = memoryLogger();
  const local = new FileMemoryStore(dir, { clock: h.clock, durable: false });
  const store = new SyncedMemoryStore(local, new ClusterOccurrenceStore(cluster), {
    state: fileSyncState(dir),
    log,
    compactAfterChunks,
  });
  const memory = registerClusterSync(
    createMemory(store, { clock: h.clock, ids: seqIds(`01${name.toUpperCase()}`) }),
    store,
  );
  const engine = createEngine({
    cluster,
    memory,
    clock: h.clock,
    ids: seqIds(`01D${name.toUpperCase()}`),
    log,
    sleep: h.sleep,
  }, { lockIdentity: name });
  const warnings = () =>
    log.records.filter((r: LogRecord) => r.level === "warn").map((r: LogRecord) => r.message);
  return { dir, store, memory, engine, warnings };
}

/** A one-ConfigMap manifest set, so deploys complete without waiting for pods. */
export function configMapManifest(name: string, value: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {v: "${value}"}\n`;
}

/** A temporary directory holding one memory directory per machine; removed on dispose. */
export async function scratch(): Promise<AsyncDisposable & { dir(name: string): string }> {
  const root = await Deno.makeTempDir({ prefix: "nopea-memory-cluster-" });
  return {
    dir: (name) => `${root}/${name}/.nopea`,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}
