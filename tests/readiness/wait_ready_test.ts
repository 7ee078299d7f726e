import { deepEqual, equal, ok } from "node:assert/strict";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { keyOf, type KubeObject } from "../../src/manifests/mod.ts";
import { type WaitOptions, waitReady } from "../../src/readiness/mod.ts";
import { type TestDeps, testDeps } from "../../src/testing/mod.ts";
import { deployment } from "../_engine.ts";
import { clusterWith } from "../_cluster_with.ts";

async function applied(deps: TestDeps, image: string, name = "web"): Promise<KubeObject> {
  const obj = deployment(name, image, 1);
  return await deps.cluster.apply(
    { ...obj, metadata: { ...obj.metadata, namespace: "default" } },
    { fieldManager: "nopea" },
  );
}

function options(deps: TestDeps, more: Partial<WaitOptions> = {}): WaitOptions {
  return { timeoutMs: 60_000, toleranceMs: 5_000, clock: deps.clock, sleep: deps.sleep, ...more };
}

Deno.test("waitReady() waits until every resource is ready, and says when each became ready", async () => {
  await using deps = await testDeps({ controllers: { readyDelayMs: 3_000 } });
  const web = await applied(deps, "example/web:1");
  const progress: number[] = [];
  const outcome = await waitReady(deps.cluster, [keyOf(web)], {
    ...options(deps),
    onProgress: (_, elapsedMs) => progress.push(elapsedMs),
  });
  equal(outcome.status, "ready");
  deepEqual(outcome.resources.map((r) => [r.key, r.state]), [[
    "Deployment.apps/default/web",
    "ready",
  ]]);
  ok((outcome.resources[0]?.readyAfterMs ?? 0) >= 3_000);
  ok(progress.length > 0);
});

Deno.test("waitReady() fails on a blocking pod problem older than the tolerance, naming it", async () => {
  await using deps = await testDeps();
  const web = await applied(deps, "example/web:broken");
  const outcome = await waitReady(deps.cluster, [keyOf(web)], options(deps));
  equal(outcome.status, "failed");
  equal(outcome.failed?.key, "Deployment.apps/default/web");
  ok(outcome.failed?.problems.some((p) => p.reason === "ImagePullBackOff"));
});

Deno.test("waitReady() times out naming every resource that is not ready", async () => {
  await using deps = await testDeps({ controllers: { readyDelayMs: 600_000 } });
  const one = await applied(deps, "example/one:1", "one");
  const two = await applied(deps, "example/two:1", "two");
  const outcome = await waitReady(deps.cluster, [keyOf(one), keyOf(two)], {
    ...options(deps),
    timeoutMs: 30_000,
  });
  equal(outcome.status, "timeout");
  deepEqual(outcome.resources.map((r) => r.state), ["timeout", "timeout"]);
  ok(deps.clock.now() - Date.parse("2026-01-01T00:00:00Z") >= 30_000);
});

Deno.test("waitReady() follows several objects of a kind with one watch instead of listing again", async () => {
  await using deps = await testDeps({ controllers: { readyDelayMs: 3_000 } });
  const objects = [
    await applied(deps, "example/a:1", "a"),
    await applied(deps, "example/b:1", "b"),
    await applied(deps, "example/c:1", "c"),
  ];
  const calls = { lists: 0, watches: 0 };
  const cluster = clusterWith(deps.cluster, {
    list: (...a) => {
      if (a[1] === "Deployment") calls.lists++;
      return deps.cluster.list(...a);
    },
    watch: (...a) => {
      calls.watches++;
      return deps.cluster.watch(...a);
    },
  });
  const outcome = await waitReady(cluster, objects.map(keyOf), options(deps));
  equal(outcome.status, "ready");
  deepEqual(outcome.resources.map((r) => r.state), ["ready", "ready", "ready"]);
  // One read, one watch, one read after the watch started; then events alone.
  deepEqual(calls, { lists: 2, watches: 1 });
});

/** The cluster, counting the reads waitReady makes. */
function counting(cluster: ClusterPort, reads: string[]): ClusterPort {
  return new Proxy(cluster, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "get" || prop === "list" || prop === "watch") {
        return (...args: unknown[]) => {
          reads.push(String(prop));
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

Deno.test("waitReady() takes what the apply answered ready as ready, without reading it", async () => {
  await using deps = await testDeps({ controllers: { readyDelayMs: 0 } });
  const config = await deps.cluster.apply(
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default" } },
    { fieldManager: "nopea" },
  );
  const reads: string[] = [];
  const outcome = await waitReady(counting(deps.cluster, reads), [keyOf(config)], {
    ...options(deps),
    answers: new Map([["ConfigMap/default/c", config]]),
  });
  equal(outcome.status, "ready");
  equal(outcome.resources[0]?.readyAfterMs, 0);
  deepEqual(reads, []);
});

Deno.test("waitReady() reads a workload whose apply answer is not ready yet", async () => {
  await using deps = await testDeps({ controllers: { readyDelayMs: 2_000 } });
  const web = await applied(deps, "example/web:1");
  const reads: string[] = [];
  const outcome = await waitReady(counting(deps.cluster, reads), [keyOf(web)], {
    ...options(deps),
    answers: new Map([["Deployment.apps/default/web", web]]),
  });
  equal(outcome.status, "ready");
  ok(reads.length > 0);
  ok((outcome.resources[0]?.readyAfterMs ?? 0) >= 2_000);
});
