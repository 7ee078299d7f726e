import { deepEqual, ok } from "node:assert/strict";
import { createMemory, FileMemoryStore } from "../../src/memory/mod.ts";
import {
  ClusterOccurrenceStore,
  fileSyncState,
  SyncedMemoryStore,
} from "../../src/memory_cluster/mod.ts";
import type { Sandbox } from "../../src/sandbox/mod.ts";
import { fixedClock } from "../../src/shared/mod.ts";
import { kubeClusterFor, startTestSandbox } from "../_sandbox.ts";
import { readReported } from "../memory/_subprocess.ts";

const FIXTURE = new URL("./_fixtures/push_loop.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

function startPusher(kubeconfig: string, dir: string, worker: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, FIXTURE, kubeconfig, dir, "40", worker],
    stdout: "piped",
    stderr: "null",
    stdin: "null",
  }).spawn();
}

Deno.test("kill -9 during pushes: after a restart and a sync nothing recorded is lost or doubled", async () => {
  const sandbox = await startTestSandbox();
  try {
    await killAndRecover(sandbox);
  } finally {
    await sandbox.close();
  }
});

async function killAndRecover(sandbox: Sandbox): Promise<void> {
  const root = await Deno.makeTempDir();
  const kubeconfig = `${root}/kubeconfig`;
  await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
  const cluster = kubeClusterFor(sandbox);
  const workers = [{ name: "a", killAfter: 3 }, { name: "b", killAfter: 7 }];
  const printed = await Promise.all(workers.map(async ({ name, killAfter }) => {
    const child = startPusher(kubeconfig, `${root}/${name}`, name);
    const ids = await readReported(child, (n) => {
      if (n === killAfter) child.kill("SIGKILL");
    });
    await child.status;
    return ids;
  }));
  const clock = fixedClock();
  const open = (dir: string) => {
    const local = new FileMemoryStore(dir, { clock });
    const remote = new ClusterOccurrenceStore(cluster);
    return new SyncedMemoryStore(local, remote, { state: fileSyncState(dir) });
  };
  const recorded: string[] = [];
  for (const { name } of workers) {
    await open(`${root}/${name}`).sync();
    const local = new FileMemoryStore(`${root}/${name}`, { clock });
    for (const o of await local.occurrences()) recorded.push(o.id);
  }
  const inCluster = (await new ClusterOccurrenceStore(cluster).all()).map((o) => o.id);
  const fresh = open(`${root}/fresh`);
  await fresh.sync();
  const memory = createMemory(fresh, { clock });
  const history = (await Promise.all(
    workers.map(({ name }) => memory.history(`svc-${name}`, { limit: 1000 })),
  )).flat().map((r) => r.deployId).sort();
  // Every deploy a recorder reported is in the cluster and in a fresh machine's history, once.
  for (const id of printed.flat()) ok(history.includes(id), `deploy ${id} was lost`);
  deepEqual([...new Set(history)].length, history.length);
  deepEqual(new Set(inCluster), new Set(recorded));
  await Deno.remove(root, { recursive: true });
}
