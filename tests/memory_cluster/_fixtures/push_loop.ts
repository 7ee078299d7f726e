/** Test fixture: records deploys with the cluster store (each pushed) and prints each deployId. */
import { KubeCluster, loadKubeConfig } from "../../../src/kube/mod.ts";
import { createMemory, FileMemoryStore } from "../../../src/memory/mod.ts";
import {
  ClusterOccurrenceStore,
  fileSyncState,
  SyncedMemoryStore,
} from "../../../src/memory_cluster/mod.ts";
import { systemClock, ulidSource } from "../../../src/shared/mod.ts";
import { buildRecord } from "../../memory/_factory.ts";

const [kubeconfig = "", dir = ".nopea", count = "50", worker = "w"] = Deno.args;
const cluster = new KubeCluster(loadKubeConfig({ kubeconfig }), {});
const local = new FileMemoryStore(dir, { clock: systemClock });
const store = new SyncedMemoryStore(local, new ClusterOccurrenceStore(cluster), {
  state: fileSyncState(dir),
  compactAfterChunks: 8,
});
const ids = ulidSource(systemClock);
const memory = createMemory(store, { clock: systemClock, ids });
const out = new TextEncoder();

for (let i = 0; i < Number(count); i++) {
  const now = new Date(systemClock.now()).toISOString();
  const record = buildRecord({ deployId: ids.next(), service: `svc-${worker}`, finishedAt: now });
  await memory.record(record);
  await Deno.stdout.write(out.encode(`${record.deployId}\n`));
}
