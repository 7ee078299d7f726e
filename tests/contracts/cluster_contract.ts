/**
 * The ClusterPort contract: behaviour every implementation shares (the in-process
 * sandbox, KubeCluster over HTTPS, a real cluster). Each test uses its own object
 * names, so the suite can run against a shared namespace of a real cluster.
 */
import { deepEqual, equal, match, notEqual, ok, rejects } from "node:assert/strict";
import type { ClusterPort, WatchEvent } from "../../src/kube/mod.ts";
import type { KubeObject, ResourceKey } from "../../src/manifests/mod.ts";
import { type ErrorCode, isNopeaError } from "../../src/shared/mod.ts";

/** A cluster under test, the namespace the tests may write to, and how to let go of it. */
export interface ContractCluster {
  cluster: ClusterPort;
  namespace: string;
  close(): Promise<void>;
}

type Env = ContractCluster & { tag: string };

function configMap(env: Env, name: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `${name}-${env.tag}`,
      namespace: env.namespace,
      labels: { contract: env.tag },
    },
    data,
  };
}

function keyOfCm(env: Env, name: string): ResourceKey {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: env.namespace,
    name: `${name}-${env.tag}`,
  };
}

function fails(code: ErrorCode, ...mentions: string[]) {
  return (e: unknown) =>
    isNopeaError(e) && e.code === code && mentions.every((m) => e.message.includes(m));
}

/** Fails (never settles a passing test) when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

function managers(obj: KubeObject): string[] {
  return (obj.metadata.managedFields ?? []).map((m) => `${m.manager}:${m.operation}`);
}

/** Registers the ClusterPort contract tests for one implementation. */
export function clusterContract(
  name: string,
  makeCluster: () => Promise<ContractCluster>,
): void {
  function test(behaviour: string, fn: (env: Env) => Promise<void>): void {
    Deno.test(`clusterContract(${name}): ${behaviour}`, async () => {
      const made = await makeCluster();
      const env = { ...made, tag: crypto.randomUUID().slice(0, 8) };
      try {
        await fn(env);
      } finally {
        const leftovers = await made.cluster.list("v1", "ConfigMap", {
          namespace: env.namespace,
          labelSelector: `contract=${env.tag}`,
        }).catch(() => []);
        for (const obj of leftovers) {
          const key = { ...keyOfCm(env, ""), name: obj.metadata.name ?? "" };
          await made.cluster.delete(key).catch(() => false);
        }
        await made.close();
      }
    });
  }

  test("discover() resolves served kinds and returns undefined for unknown ones", async (env) => {
    const deployment = await env.cluster.discover("apps/v1", "Deployment");
    deepEqual({ ...deployment, subresources: undefined }, {
      group: "apps",
      version: "v1",
      kind: "Deployment",
      plural: "deployments",
      namespaced: true,
      subresources: undefined,
    });
    ok(deployment?.subresources.includes("status"));
    const ns = await env.cluster.discover("v1", "Namespace");
    equal(ns?.plural, "namespaces");
    equal(ns?.namespaced, false);
    equal((await env.cluster.discover("v1", "ConfigMap"))?.plural, "configmaps");
    equal(await env.cluster.discover("v1", "Widget"), undefined);
    equal(await env.cluster.discover("widgets.nopea.test/v1", "Widget"), undefined);
  });

  test("apply() creates an object, then updates it", async (env) => {
    const created = await env.cluster.apply(configMap(env, "app", { a: "1" }));
    equal(created.kind, "ConfigMap");
    equal(created.metadata.namespace, env.namespace);
    ok(created.metadata.uid);
    ok(created.metadata.resourceVersion);
    ok(managers(created).includes("nopea:Apply"), `managers: ${managers(created)}`);
    deepEqual(created["data"], { a: "1" });
    const updated = await env.cluster.apply(configMap(env, "app", { a: "2" }));
    equal(updated.metadata.uid, created.metadata.uid);
    notEqual(updated.metadata.resourceVersion, created.metadata.resourceVersion);
    deepEqual(updated["data"], { a: "2" });
    deepEqual((await env.cluster.get(keyOfCm(env, "app")))?.["data"], { a: "2" });
  });

  test("apply() of an unchanged object is idempotent", async (env) => {
    const first = await env.cluster.apply(configMap(env, "same", { a: "1" }));
    const second = await env.cluster.apply(configMap(env, "same", { a: "1" }));
    equal(second.metadata.uid, first.metadata.uid);
    equal(second.metadata.resourceVersion, first.metadata.resourceVersion);
    deepEqual(second["data"], first["data"]);
  });

  test("apply() with dryRun returns the result but persists nothing", async (env) => {
    const dry = await env.cluster.apply(configMap(env, "dry", { a: "1" }), { dryRun: true });
    equal(dry.metadata.name, `dry-${env.tag}`);
    deepEqual(dry["data"], { a: "1" });
    equal(await env.cluster.get(keyOfCm(env, "dry")), undefined);
    await env.cluster.apply(configMap(env, "dry", { a: "1" }));
    const change = await env.cluster.apply(configMap(env, "dry", { a: "2" }), { dryRun: true });
    deepEqual(change["data"], { a: "2" });
    deepEqual((await env.cluster.get(keyOfCm(env, "dry")))?.["data"], { a: "1" });
  });

  test("apply() reports a conflict with another field manager as KUBE_CONFLICT", async (env) => {
    await env.cluster.apply(configMap(env, "owned", { a: "1" }), { fieldManager: "other-tool" });
    await rejects(env.cluster.apply(configMap(env, "owned", { a: "2" })), (e) => {
      ok(isNopeaError(e) && e.code === "KUBE_CONFLICT", String(e));
      const conflicts = e.details?.["conflicts"] as { field: string; manager: string }[];
      ok(conflicts.some((c) => c.field === ".data.a" && c.manager.includes("other-tool")));
      return true;
    });
    deepEqual((await env.cluster.get(keyOfCm(env, "owned")))?.["data"], { a: "1" });
  });

  test("apply() with force takes ownership of conflicting fields", async (env) => {
    await env.cluster.apply(configMap(env, "taken", { a: "1" }), { fieldManager: "other-tool" });
    const taken = await env.cluster.apply(configMap(env, "taken", { a: "2" }), { force: true });
    deepEqual(taken["data"], { a: "2" });
    const mine = taken.metadata.managedFields?.find((m) => m.manager === "nopea");
    ok(JSON.stringify(mine?.fieldsV1).includes('"f:a"'));
    const theirs = taken.metadata.managedFields?.find((m) => m.manager === "other-tool");
    ok(!JSON.stringify(theirs?.fieldsV1 ?? {}).includes('"f:a"'));
  });

  test("get() returns undefined for a missing object", async (env) => {
    equal(await env.cluster.get(keyOfCm(env, "missing")), undefined);
  });

  test("list() selects by label", async (env) => {
    const web = (n: string) => ({
      ...configMap(env, n, {}),
      metadata: { ...configMap(env, n, {}).metadata, labels: { contract: env.tag, role: "web" } },
    });
    await env.cluster.apply(web("one"));
    await env.cluster.apply(web("two"));
    await env.cluster.apply(configMap(env, "other", {}));
    const found = await env.cluster.list("v1", "ConfigMap", {
      namespace: env.namespace,
      labelSelector: `contract=${env.tag},role=web`,
    });
    deepEqual(found.map((o) => o.metadata.name).sort(), [`one-${env.tag}`, `two-${env.tag}`]);
    ok(found.every((o) => o.kind === "ConfigMap" && o.apiVersion === "v1"));
  });

  test("patch() merges a JSON merge patch", async (env) => {
    await env.cluster.apply(configMap(env, "patched", { a: "1" }));
    const patched = await env.cluster.patch(keyOfCm(env, "patched"), { data: { b: "2" } });
    deepEqual(patched["data"], { a: "1", b: "2" });
    const removed = await env.cluster.patch(keyOfCm(env, "patched"), { data: { a: null } });
    deepEqual(removed["data"], { b: "2" });
  });

  test("delete() returns true for an existing object and false for a missing one", async (env) => {
    await env.cluster.apply(configMap(env, "gone", {}));
    equal(await env.cluster.delete(keyOfCm(env, "gone")), true);
    equal(await env.cluster.get(keyOfCm(env, "gone")), undefined);
    equal(await env.cluster.delete(keyOfCm(env, "gone")), false);
  });

  test("watch() reports ADDED, MODIFIED and DELETED after it starts", async (env) => {
    await env.cluster.apply(configMap(env, "before", {}));
    const events: WatchEvent[] = [];
    let arrived = () => {};
    const handle = await env.cluster.watch("v1", "ConfigMap", {
      namespace: env.namespace,
      labelSelector: `contract=${env.tag}`,
    }, (event) => {
      events.push(event);
      if (event.type === "DELETED") arrived();
    });
    try {
      const deleted = new Promise<void>((resolve) => (arrived = resolve));
      await env.cluster.apply(configMap(env, "watched", { a: "1" }));
      await env.cluster.apply(configMap(env, "watched", { a: "2" }));
      await env.cluster.delete(keyOfCm(env, "watched"));
      await within(deleted, "the DELETED event");
      deepEqual(events.map((e) => [e.type, e.object.metadata.name]), [
        ["ADDED", `watched-${env.tag}`],
        ["MODIFIED", `watched-${env.tag}`],
        ["DELETED", `watched-${env.tag}`],
      ]);
      deepEqual(events[1]?.object["data"], { a: "2" });
    } finally {
      handle.stop();
      await handle.done;
    }
  });

  test("apply() and get() of an unknown kind are KUBE_NOT_FOUND_KIND", async (env) => {
    const widget = {
      apiVersion: "widgets.nopea.test/v1",
      kind: "Widget",
      metadata: { name: `w-${env.tag}`, namespace: env.namespace },
    };
    await rejects(
      env.cluster.apply(widget),
      fails("KUBE_NOT_FOUND_KIND", "Widget", "widgets.nopea.test/v1"),
    );
    await rejects(
      env.cluster.get({ ...widget, name: widget.metadata.name }),
      fails("KUBE_NOT_FOUND_KIND", "Widget"),
    );
  });

  test("apply() into a missing namespace is KUBE_NOT_FOUND", async (env) => {
    const cm = configMap(env, "lost", {});
    const missing = { ...cm, metadata: { ...cm.metadata, namespace: `missing-${env.tag}` } };
    await rejects(env.cluster.apply(missing), fails("KUBE_NOT_FOUND"));
  });

  test("apply() of an invalid name is KUBE_INVALID", async (env) => {
    const cm = configMap(env, "x", {});
    const bad = { ...cm, metadata: { ...cm.metadata, name: `Not_Valid_${env.tag}` } };
    await rejects(env.cluster.apply(bad), (e) => {
      ok(isNopeaError(e) && e.code === "KUBE_INVALID", String(e));
      match(e.message, /Not_Valid/);
      return true;
    });
  });
}
