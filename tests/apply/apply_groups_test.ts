import { deepEqual, equal, notEqual, ok } from "node:assert/strict";
import {
  adoptionProblem,
  applyGroups,
  type ApplyGroupsOptions,
  contentHash,
  liveObjects,
} from "../../src/apply/mod.ts";
import type { ResourceOutcome } from "../../src/deploys/mod.ts";
import type { ClusterPort } from "../../src/kube/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { NopeaError } from "../../src/shared/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { configMap, deployment, service } from "../_engine.ts";
import { clusterWith } from "../_cluster_with.ts";

const inDefault = (obj: KubeObject): KubeObject => ({
  ...obj,
  metadata: { ...obj.metadata, namespace: "default" },
});

const OPTIONS: ApplyGroupsOptions = {
  dryRun: false,
  force: false,
  adopt: false,
  service: "web",
  concurrency: 8,
};

/** A cluster whose apply of `failing` (by name and kind) fails with a server error. */
function failingApply(cluster: ClusterPort, kind: string, name: string): ClusterPort {
  return clusterWith(cluster, {
    apply(obj, options) {
      if (obj.kind === kind && obj.metadata.name === name) {
        return Promise.reject(new NopeaError("KUBE_SERVER_ERROR", "the server broke down"));
      }
      return cluster.apply(obj, options);
    },
  });
}

Deno.test("applyGroups() applies group by group and reports what the server returned", async () => {
  await using deps = await testDeps();
  const groups = [[inDefault(configMap("c"))], [inDefault(service("web"))]];
  const seen: ResourceOutcome[] = [];
  const applied = await applyGroups(deps.cluster, groups, new Map(), {
    ...OPTIONS,
    onApplied: (o) => seen.push(o),
  });
  equal(applied.error, undefined);
  deepEqual(applied.outcomes.map((o) => [o.key, o.apiVersion, o.kind, o.action]), [
    ["ConfigMap/default/c", "v1", "ConfigMap", "created"],
    ["Service/default/web", "v1", "Service", "created"],
  ]);
  deepEqual(seen.map((o) => o.key), applied.outcomes.map((o) => o.key));
  for (const o of applied.outcomes) {
    const stored = applied.stored.get(o.key);
    ok(stored);
    equal(o.uid, stored.metadata.uid);
    equal(o.resourceVersion, stored.metadata.resourceVersion);
  }
});

Deno.test("applyGroups() keeps what `keep` makes of each answer, given the object sent and its action", async () => {
  await using deps = await testDeps();
  const map = inDefault(configMap("c"));
  await deps.cluster.apply(map, { fieldManager: "nopea" });
  const groups = [[map, inDefault(service("web"))]];
  const live = await liveObjects(deps.cluster, groups.flat());
  const calls: [string, string, string][] = [];
  const applied = await applyGroups(deps.cluster, groups, live, {
    ...OPTIONS,
    keep: (sent, answer, action) => {
      calls.push([String(sent.metadata.name), String(answer.metadata.name), action]);
      return { apiVersion: answer.apiVersion, kind: answer.kind, metadata: { name: action } };
    },
  });
  deepEqual(calls.sort(), [["c", "c", "configured"], ["web", "web", "created"]]);
  deepEqual([...applied.stored.entries()].sort(), [
    ["ConfigMap/default/c", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "configured" },
    }],
    ["Service/default/web", { apiVersion: "v1", kind: "Service", metadata: { name: "created" } }],
  ]);
});

Deno.test("applyGroups() stops at a failure: the failed object carries its error, later ones are skipped", async () => {
  await using deps = await testDeps();
  const cluster = failingApply(deps.cluster, "Service", "web");
  const groups = [
    [inDefault(configMap("c"))],
    [inDefault(service("web"))],
    [inDefault(deployment("web", "example/web:1")), inDefault(deployment("worker", "example/w:1"))],
  ];
  const applied = await applyGroups(cluster, groups, new Map(), OPTIONS);
  equal(applied.error?.code, "KUBE_SERVER_ERROR");
  deepEqual(applied.outcomes.map((o) => [o.key, o.apiVersion, o.action]), [
    ["ConfigMap/default/c", "v1", "created"],
    ["Service/default/web", "v1", "failed"],
    ["Deployment.apps/default/web", "apps/v1", "skipped"],
    ["Deployment.apps/default/worker", "apps/v1", "skipped"],
  ]);
  deepEqual(
    [applied.outcomes[1]?.error?.code, applied.outcomes[1]?.error?.message],
    ["KUBE_SERVER_ERROR", "the server broke down"],
  );
  for (const skipped of applied.outcomes.slice(2)) {
    equal(skipped.error, undefined);
    equal(skipped.message, "not applied: an earlier step failed");
  }
  const key = { apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "web" };
  equal(await deps.cluster.get(key), undefined);
});

Deno.test("applyGroups() reports an aborted apply's objects as skipped with DEPLOY_INTERRUPTED", async () => {
  await using deps = await testDeps();
  const stop = new AbortController();
  stop.abort();
  const applied = await applyGroups(deps.cluster, [[inDefault(configMap("c"))]], new Map(), {
    ...OPTIONS,
    signal: stop.signal,
  });
  equal(applied.error?.code, "DEPLOY_INTERRUPTED");
  deepEqual(applied.outcomes.map((o) => o.action), ["skipped"]);
});

Deno.test("liveObjects() reads what the cluster holds; adoptionProblem() names who manages it", async () => {
  await using deps = await testDeps();
  const cm = inDefault(configMap("mine"));
  const mine = { ...cm, metadata: { ...cm.metadata, labels: { "nopea.io/service": "web" } } };
  const theirs = inDefault(configMap("theirs"));
  await deps.cluster.apply(theirs, { fieldManager: "helm" });
  await applyGroups(deps.cluster, [[mine]], new Map(), OPTIONS);
  const live = await liveObjects(deps.cluster, [mine, theirs, inDefault(configMap("absent"))]);
  deepEqual([...live.keys()].sort(), ["ConfigMap/default/mine", "ConfigMap/default/theirs"]);
  equal(
    adoptionProblem(live.get("ConfigMap/default/theirs")!, "web"),
    'it exists and is managed by "helm"',
  );
  equal(adoptionProblem(live.get("ConfigMap/default/mine")!, "web"), undefined);
  equal(
    adoptionProblem(live.get("ConfigMap/default/mine")!, "api"),
    'it belongs to Nopea service "web"',
  );
});

Deno.test("contentHash() ignores the deploy id annotation and changes with the content", () => {
  const a = configMap("c", { a: "1" });
  const withId = {
    ...a,
    metadata: { ...a.metadata, annotations: { "nopea.io/deploy-id": "01X" } },
  };
  equal(contentHash(a), contentHash(withId));
  notEqual(contentHash(a), contentHash(configMap("c", { a: "2" })));
});
