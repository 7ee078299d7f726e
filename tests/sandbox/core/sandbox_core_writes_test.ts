import { deepEqual, equal, ok } from "node:assert/strict";
import type { WireWatchEvent } from "../../../src/sandbox/api_types.ts";
import { configMap, deployment, metaOf, newCore, scope, statusOf } from "./_fixtures.ts";

Deno.test("SandboxCore.create() stamps uid, creationTimestamp, generation and resourceVersion", () => {
  const { core, clock } = newCore();
  clock.advance(1500);
  const created = core.create(scope("configmaps"), configMap("a"));
  const m = metaOf(created);
  equal(m["uid"], "uid-9");
  equal(m["creationTimestamp"], "2026-01-01T00:00:01Z");
  equal(m["generation"], 1);
  equal(m["resourceVersion"], core.resourceVersion);
  equal(created["apiVersion"], "v1");
  equal(created["kind"], "ConfigMap");
  equal(m["namespace"], "default");
});

Deno.test("SandboxCore keeps one monotonic resourceVersion across writes", () => {
  const { core } = newCore();
  const versions: number[] = [Number(core.resourceVersion)];
  const cm = scope("configmaps", { name: "a" });
  versions.push(
    Number(metaOf(core.create(scope("configmaps"), configMap("a")))["resourceVersion"]),
  );
  versions.push(
    Number(metaOf(core.create(scope("deployments"), deployment("d")))["resourceVersion"]),
  );
  versions.push(
    Number(metaOf(core.patch(cm, "merge", { data: { a: "2" } }).object)["resourceVersion"]),
  );
  core.delete(cm);
  versions.push(Number(core.resourceVersion));
  for (let i = 1; i < versions.length; i++) ok((versions[i] ?? 0) > (versions[i - 1] ?? 0));
});

Deno.test("SandboxCore does not bump resourceVersion for a write that changes nothing", () => {
  const { core } = newCore();
  const created = core.create(scope("configmaps"), configMap("a"));
  const before = core.resourceVersion;
  const same = core.replace(scope("configmaps", { name: "a" }), created);
  equal(core.resourceVersion, before);
  equal(metaOf(same)["resourceVersion"], metaOf(created)["resourceVersion"]);
});

Deno.test("SandboxCore bumps generation only when the spec changes", async (t) => {
  const { core } = newCore();
  const d = scope("deployments", { name: "d" });
  core.create(scope("deployments"), deployment("d"));
  const gen = () => metaOf(core.get(d))["generation"];
  await t.step("a label change keeps generation", () => {
    core.patch(d, "merge", { metadata: { labels: { extra: "1" } } });
    equal(gen(), 1);
  });
  await t.step("a status write keeps generation", () => {
    core.patch({ ...d, subresource: "status" }, "merge", { status: { replicas: 1 } });
    equal(gen(), 1);
  });
  await t.step("a spec change bumps generation", () => {
    core.patch(d, "merge", { spec: { replicas: 3 } });
    equal(gen(), 2);
  });
  await t.step("a ConfigMap (no status subresource) bumps on any non-metadata change", () => {
    core.create(scope("configmaps"), configMap("c"));
    const cm = core.patch(scope("configmaps", { name: "c" }), "merge", { data: { a: "9" } });
    equal(metaOf(cm.object)["generation"], 2);
  });
});

Deno.test("SandboxCore dry runs store nothing and notify no one", async (t) => {
  const { core } = newCore();
  const events: WireWatchEvent[] = [];
  core.watch(scope("configmaps"), { resourceVersion: core.resourceVersion }, (e) => events.push(e));
  core.create(scope("configmaps"), configMap("live"));
  events.length = 0;
  const rv = core.resourceVersion;
  const cm = scope("configmaps", { name: "live" });
  await t.step("create returns uid and creationTimestamp but no resourceVersion", () => {
    const obj = core.create(scope("configmaps"), configMap("dry"), { dryRun: true });
    ok(metaOf(obj)["uid"]);
    equal(metaOf(obj)["creationTimestamp"], "2026-01-01T00:00:00Z");
    equal(metaOf(obj)["resourceVersion"], undefined);
    equal(statusOf(() => core.get(scope("configmaps", { name: "dry" })))["code"], 404);
  });
  await t.step("patch returns the patched object and keeps the stored one", () => {
    const out = core.patch(cm, "merge", { data: { a: "dry" } }, { dryRun: true });
    deepEqual(out.object["data"], { a: "dry" });
    deepEqual(core.get(cm)["data"], { a: "1" });
  });
  await t.step("apply and delete change nothing", () => {
    core.patch(cm, "apply", configMap("live", { b: "2" }), { fieldManager: "m", dryRun: true });
    core.delete(cm, { dryRun: true });
    deepEqual(core.get(cm)["data"], { a: "1" });
  });
  await t.step("no resourceVersion bump and no watch event", () => {
    equal(core.resourceVersion, rv);
    equal(events.length, 0);
  });
});

Deno.test("SandboxCore isolates the status subresource from the main resource", async (t) => {
  const { core } = newCore();
  const d = scope("deployments", { name: "d" });
  core.create(scope("deployments"), { ...deployment("d"), status: { replicas: 7 } });
  await t.step("create drops status", () => equal(core.get(d)["status"], undefined));
  await t.step("PUT /status changes only status", () => {
    const live = core.get(d);
    const body = {
      ...live,
      spec: { ...(live["spec"] as object), replicas: 9 },
      status: { replicas: 2 },
    };
    const out = core.replace({ ...d, subresource: "status" }, body);
    deepEqual(out["status"], { replicas: 2 });
    equal((out["spec"] as Record<string, unknown>)["replicas"], 1);
  });
  await t.step("a main-resource PUT keeps the live status", () => {
    const live = core.get(d);
    const out = core.replace(d, { ...live, status: { replicas: 99 } });
    deepEqual(out["status"], { replicas: 2 });
  });
  await t.step("status writes are recorded with subresource status", () => {
    const entries = metaOf(core.get(d))["managedFields"] as Record<string, unknown>[];
    ok(entries.some((e) => e["subresource"] === "status"));
  });
});

Deno.test("SandboxCore.create() generates a name from generateName", () => {
  const { core } = newCore();
  const obj = core.create(scope("configmaps"), { metadata: { generateName: "job-" } });
  ok(/^job-[a-z0-9]{5}$/.test(String(metaOf(obj)["name"])));
});

Deno.test("SandboxCore serves the scale subresource of a Deployment", () => {
  const { core } = newCore();
  core.create(scope("deployments"), deployment("d"));
  const s = scope("deployments", { name: "d", subresource: "scale" });
  const scale = core.get(s);
  equal(scale["kind"], "Scale");
  deepEqual(scale["spec"], { replicas: 1 });
  equal((scale["status"] as Record<string, unknown>)["selector"], "app=d");
  core.replace(s, { ...scale, spec: { replicas: 4 } });
  equal(
    (core.get(scope("deployments", { name: "d" }))["spec"] as Record<string, unknown>)["replicas"],
    4,
  );
  core.patch(s, "merge", { spec: { replicas: 2 } });
  deepEqual(core.get(s)["spec"], { replicas: 2 });
});
