import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import type { KubeObject, ResourceKey } from "../../src/manifests/mod.ts";
import { type ErrorCode, isNopeaError, memoryLogger } from "../../src/shared/mod.ts";
import type { Sandbox } from "../../src/sandbox/mod.ts";
import type { KubeCluster } from "../../src/kube/mod.ts";
import { kubeClusterFor, startTestSandbox } from "../_sandbox.ts";

const cm: KubeObject = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "faulty", namespace: "default" },
  data: { a: "1" },
};
const key: ResourceKey = {
  apiVersion: "v1",
  kind: "ConfigMap",
  namespace: "default",
  name: "faulty",
};

interface Rig {
  sandbox: Sandbox;
  cluster: KubeCluster;
  /** The delays the cluster asked to wait, in order. */
  slept: number[];
}

/** A sandbox holding `cm`, and a KubeCluster whose retry waits are recorded, not slept. */
async function withRig(
  options: { retries?: number },
  fn: (rig: Rig) => Promise<void>,
): Promise<void> {
  const sandbox = await startTestSandbox();
  const slept: number[] = [];
  const cluster = kubeClusterFor(sandbox, {
    retries: options.retries ?? 5,
    random: () => 0.5,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  });
  try {
    await sandbox.cluster.apply(cm);
    await cluster.discover("v1", "ConfigMap");
    await fn({ sandbox, cluster, slept });
  } finally {
    await cluster.close();
    await sandbox.close();
  }
}

function fails(code: ErrorCode) {
  return (e: unknown) => isNopeaError(e) && e.code === code;
}

Deno.test("KubeCluster turns two injected 503s into success", async () => {
  await withRig({}, async ({ sandbox, cluster, slept }) => {
    sandbox.server.faults.add({ verb: "get", resource: "configmaps", status: 503, count: 2 });
    deepEqual((await cluster.get(key))?.["data"], { a: "1" });
    equal(sandbox.server.faults.stats().errors, 2);
    equal(slept.length, 2);
  });
});

Deno.test("KubeCluster waits as long as Retry-After says on 429", async () => {
  await withRig({}, async ({ sandbox, cluster, slept }) => {
    sandbox.server.faults.add({
      verb: "patch",
      resource: "configmaps",
      throttleRate: 1,
      retryAfterSeconds: 2,
      count: 1,
    });
    const applied = await cluster.apply({ ...cm, data: { a: "2" } });
    deepEqual(applied["data"], { a: "2" });
    equal(sandbox.server.faults.stats().throttles, 1);
    deepEqual(slept, [2000]);
  });
});

Deno.test("KubeCluster caps a long Retry-After at maxDelayMs", async () => {
  const sandbox = await startTestSandbox();
  const slept: number[] = [];
  const cluster = kubeClusterFor(sandbox, {
    maxDelayMs: 1500,
    sleep: (ms) => Promise.resolve(void slept.push(ms)),
  });
  try {
    sandbox.server.faults.add({ verb: "list", status: 429, retryAfterSeconds: 60, count: 1 });
    await cluster.list("v1", "ConfigMap", { namespace: "default" });
    deepEqual(slept, [1500]);
  } finally {
    await cluster.close();
    await sandbox.close();
  }
});

Deno.test("KubeCluster retries dropped connections with jittered backoff", async () => {
  await withRig({}, async ({ sandbox, cluster, slept }) => {
    sandbox.server.faults.add({ verb: "get", resource: "configmaps", dropRate: 1, count: 2 });
    deepEqual((await cluster.get(key))?.["data"], { a: "1" });
    equal(sandbox.server.faults.stats().drops, 2);
    // Deno's HTTP client may itself resend a request whose pooled connection was dropped
    // before any byte of the answer came, so one backoff or two are both correct.
    ok(slept.length >= 1 && slept.length <= 2, `backoffs: ${slept.join(", ")}`);
    deepEqual(slept, [100, 200].slice(0, slept.length));
  });
});

Deno.test("KubeCluster gives up on a permanent 500 with KUBE_SERVER_ERROR after 1+retries attempts", async () => {
  await withRig({ retries: 3 }, async ({ sandbox, cluster, slept }) => {
    sandbox.server.faults.add({ verb: "get", resource: "configmaps", status: 500 });
    await rejects(cluster.get(key), fails("KUBE_SERVER_ERROR"));
    equal(sandbox.server.faults.stats().errors, 4);
    equal(slept.length, 3);
  });
});

Deno.test("KubeCluster never retries a 403 and reports KUBE_FORBIDDEN", async () => {
  await withRig({}, async ({ sandbox, cluster, slept }) => {
    sandbox.server.faults.add({ verb: "delete", resource: "configmaps", status: 403 });
    await rejects(cluster.delete(key), (e) => {
      ok(fails("KUBE_FORBIDDEN")(e), String(e));
      ok(
        isNopeaError(e) &&
          e.message.startsWith('Cannot delete ConfigMap "faulty" in namespace "default"'),
      );
      return true;
    });
    equal(sandbox.server.faults.stats().errors, 1);
    deepEqual(slept, []);
  });
});

Deno.test("KubeCluster reports KUBE_UNREACHABLE when the server is down", async () => {
  const sandbox = await startTestSandbox();
  const slept: number[] = [];
  const log = memoryLogger();
  const cluster = kubeClusterFor(sandbox, {
    retries: 2,
    log,
    sleep: (ms) => Promise.resolve(void slept.push(ms)),
  });
  await sandbox.close();
  try {
    await rejects(cluster.get(key), (e) => {
      ok(fails("KUBE_UNREACHABLE")(e), String(e));
      ok(isNopeaError(e) && e.message.startsWith(`Cannot reach the cluster at "${sandbox.url}": `));
      return true;
    });
    equal(slept.length, 2);
    equal(log.records.filter((r) => r.message === "Retrying a cluster request").length, 2);
  } finally {
    await cluster.close();
  }
});
