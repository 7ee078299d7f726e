/** prepareLock: the lock's first request goes out before the lock is asked for. */
import { deepEqual, equal, rejects } from "node:assert/strict";
import { acquireLock, type LockPorts, prepareLock } from "../../src/lock/mod.ts";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { type HttpSandbox, memoryLogger, startHttpSandbox } from "../../src/testing/mod.ts";
import { clusterWith } from "../_cluster_with.ts";

function portsOf(h: HttpSandbox, cluster: ClusterPort): LockPorts {
  return { cluster, clock: h.clock, log: memoryLogger(), identity: "host-a/1", ttlMs: 60_000 };
}

Deno.test("prepareLock() asks for the Lease resource at once; acquireLock() then takes the lock", async () => {
  await using h = await startHttpSandbox();
  const asked: string[] = [];
  const cluster = clusterWith(h.cluster, {
    discover: (apiVersion, kind) => {
      asked.push(`${apiVersion} ${kind}`);
      return h.cluster.discover(apiVersion, kind);
    },
  });
  prepareLock(cluster);
  deepEqual(asked, ["coordination.k8s.io/v1 Lease"]);
  const lock = await acquireLock(portsOf(h, cluster), "web", "default", "01DEP1");
  equal(lock.holder, "host-a/1/01DEP1");
  await lock.release();
});

Deno.test("prepareLock() leaves a failure of the cluster to acquireLock() to report", async () => {
  await using h = await startHttpSandbox();
  const down = new Error("connection refused");
  const fail = () => Promise.reject(down);
  const cluster = clusterWith(h.cluster, { discover: fail, apply: fail, get: fail });
  prepareLock(cluster); // no unhandled rejection: the test would fail on one
  await rejects(
    acquireLock(portsOf(h, cluster), "web", "default", "01DEP1"),
    (e) => e === down,
  );
});

Deno.test("prepareLock() does not throw when the cluster cannot even be built", () => {
  const broken = new Error("kubeconfig invalid");
  const cluster = {
    discover: () => {
      throw broken;
    },
  } as unknown as ClusterPort;
  prepareLock(cluster);
});
