import { deepEqual, equal } from "node:assert/strict";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { startHttpSandbox } from "../../src/testing/mod.ts";
import { kubeClusterFor } from "../_sandbox.ts";
import { configMapManifest, type Machine, machine, scratch } from "./_machines.ts";
import { clusterWith } from "../_cluster_with.ts";

const DEPLOYS = 5;

async function allDeployIds(m: Machine, services: string[]): Promise<string[]> {
  const histories = await Promise.all(
    services.map((service) => m.engine.history({ service, limit: 1000 })),
  );
  return histories.flat().map((r) => r.deployId).sort();
}

Deno.test("4 machines deploying at once: each history shows every deploy exactly once", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const names = ["a", "b", "c", "d"];
  const machines = await Promise.all(
    names.map((n) => machine(h, tmp.dir(n), n)),
  );
  const ids = await Promise.all(machines.map(async (m, i) => {
    const done: string[] = [];
    for (let d = 0; d < DEPLOYS; d++) {
      const manifests = configMapManifest(`svc-${names[i]}`, String(d));
      const result = await m.engine.deploy({ service: `svc-${names[i]}`, manifests });
      done.push(result.deployId);
    }
    return done;
  }));
  const expected = ids.flat().sort();
  equal(expected.length, names.length * DEPLOYS);
  const services = names.map((n) => `svc-${n}`);
  for (const m of machines) {
    await m.store.sync();
    deepEqual(await allDeployIds(m, services), expected);
    deepEqual(m.warnings(), []);
  }
});

/** A port whose writes of memory chunks fail after the server stored them (the answer is lost). */
function losingAnswers(cluster: ClusterPort, times: number): ClusterPort {
  let left = times;
  return clusterWith(cluster, {
    apply: async (obj, options) => {
      const stored = await cluster.apply(obj, options);
      if (obj.metadata.name?.startsWith("nopea-memory-0") && left-- > 0) {
        throw new Error("connection reset after the chunk was stored");
      }
      return stored;
    },
  });
}

Deno.test("a push cut off after the chunk was stored loses and duplicates nothing", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const dir = tmp.dir("a");
  const cut = machine(h, dir, "a", losingAnswers(h.cluster, 1));
  const result = await cut.engine.deploy({
    service: "web",
    manifests: configMapManifest("web", "1"),
  });
  equal(result.status, "completed");
  equal(cut.warnings().length, 1);
  // A new process on the same directory (a restart) syncs: the chunk is there once.
  const restarted = machine(h, dir, "a");
  deepEqual(await restarted.store.sync(), { pulled: 0, pushed: 0 });
  const other = machine(h, tmp.dir("b"), "b");
  deepEqual(await allDeployIds(other, ["web"]), [result.deployId]);
});

Deno.test("5xx, 429 with Retry-After and dropped connections during sync are retried", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const cluster = kubeClusterFor(h.sandbox, { retries: 8 });
  const one = machine(h, tmp.dir("a"), "a", cluster);
  const two = machine(h, tmp.dir("b"), "b", cluster);
  for (let d = 0; d < 3; d++) {
    await one.engine.deploy({ service: "web", manifests: configMapManifest("web", String(d)) });
  }
  const faults = h.sandbox.server.faults;
  // Matching rules are consumed together: one verb each, so every fault happens in turn.
  faults.add({ verb: "get", resource: "configmaps", count: 2, status: 503 });
  faults.add({ verb: "list", resource: "configmaps", count: 2, throttleRate: 1 });
  deepEqual(await two.store.sync(), { pulled: 3, pushed: 0 });
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "4") });
  faults.add({ verb: "get", resource: "configmaps", count: 2, dropRate: 1 });
  deepEqual(await two.store.sync(), { pulled: 1, pushed: 0 });
  equal((await two.engine.history({ service: "web" })).length, 4);
  const injected = faults.stats();
  deepEqual([injected.errors, injected.throttles, injected.drops], [2, 2, 2]);
});
