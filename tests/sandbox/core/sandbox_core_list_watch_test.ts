import { deepEqual, equal } from "node:assert/strict";
import type { WireWatchEvent } from "../../../src/sandbox/api_types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { configMap, metaOf, newCore, scope, statusOf } from "./_fixtures.ts";

function names(list: JsonObject): string[] {
  return (list["items"] as JsonObject[]).map((i) => String(metaOf(i)["name"]));
}

function seeded() {
  const { core, clock } = newCore();
  core.create(scope("namespaces"), { metadata: { name: "other" } });
  const add = (name: string, labels: Record<string, string>, namespace = "default") =>
    core.create(scope("configmaps", { namespace }), { metadata: { name, labels } });
  add("web", { app: "web", tier: "front" });
  add("api", { app: "api", tier: "back" });
  add("db", { app: "db", tier: "back", canary: "true" });
  add("job", {}, "other");
  return { core, clock };
}

Deno.test("SandboxCore.list() filters by label selector", async (t) => {
  const { core } = seeded();
  const table: [string, string[]][] = [
    ["app=web", ["web"]],
    ["app==api", ["api"]],
    ["tier!=back", ["web"]],
    ["tier in (front, back)", ["api", "db", "web"]],
    ["tier notin (back)", ["web"]],
    ["canary", ["db"]],
    ["!canary,tier", ["api", "web"]],
    ["app=web,tier=back", []],
  ];
  for (const [selector, expected] of table) {
    await t.step(selector, () => {
      deepEqual(names(core.list(scope("configmaps"), { labelSelector: selector })), expected);
    });
  }
});

Deno.test("SandboxCore.list() filters by field selector and across namespaces", async (t) => {
  const { core } = seeded();
  const all = { group: "", version: "v1", plural: "configmaps" };
  await t.step("metadata.name", () => {
    deepEqual(names(core.list(scope("configmaps"), { fieldSelector: "metadata.name=api" })), [
      "api",
    ]);
  });
  await t.step("metadata.namespace across namespaces", () => {
    deepEqual(names(core.list(all, { fieldSelector: "metadata.namespace=other" })), ["job"]);
    deepEqual(names(core.list(all, { fieldSelector: "metadata.namespace!=other" })), [
      "api",
      "db",
      "web",
    ]);
  });
  await t.step("the list reports kind, apiVersion and resourceVersion", () => {
    const list = core.list(all);
    equal(list["kind"], "ConfigMapList");
    equal(list["apiVersion"], "v1");
    equal((list["metadata"] as JsonObject)["resourceVersion"], core.resourceVersion);
  });
});

Deno.test("SandboxCore.list() pages with limit and continue", () => {
  const { core } = seeded();
  const all = { group: "", version: "v1", plural: "configmaps" };
  const first = core.list(all, { limit: 2 });
  deepEqual(names(first), ["api", "db"]);
  const m1 = first["metadata"] as JsonObject;
  equal(m1["remainingItemCount"], 2);
  const second = core.list(all, { limit: 2, continue: String(m1["continue"]) });
  deepEqual(names(second), ["web", "job"]);
  equal((second["metadata"] as JsonObject)["continue"], undefined);
  equal(statusOf(() => core.list(all, { continue: "%%%" }))["code"], 400);
});

Deno.test("SandboxCore.watch() replays from a resourceVersion, then streams", () => {
  const { core } = newCore();
  const cms = scope("configmaps");
  core.create(cms, configMap("a"));
  const rv = core.resourceVersion;
  core.create(cms, configMap("b"));
  core.patch(scope("configmaps", { name: "a" }), "merge", { data: { a: "2" } });
  const events: WireWatchEvent[] = [];
  const stop = core.watch(cms, { resourceVersion: rv }, (e) => events.push(e));
  core.delete(scope("configmaps", { name: "b" }));
  stop();
  core.create(cms, configMap("c"));
  deepEqual(events.map((e) => `${e.type} ${metaOf(e.object)["name"]}`), [
    "ADDED b",
    "MODIFIED a",
    "DELETED b",
  ]);
  const rvs = events.map((e) => Number(metaOf(e.object)["resourceVersion"]));
  deepEqual(rvs, [...rvs].sort((x, y) => x - y));
});

Deno.test("SandboxCore.watch() without a resourceVersion starts with ADDED for every object", () => {
  const { core } = seeded();
  const events: WireWatchEvent[] = [];
  core.watch(scope("configmaps"), { labelSelector: "tier=back" }, (e) => events.push(e));
  deepEqual(events.map((e) => `${e.type} ${metaOf(e.object)["name"]}`), ["ADDED api", "ADDED db"]);
});

Deno.test("SandboxCore.watch() with a selector reports objects entering and leaving it", () => {
  const { core } = seeded();
  const events: string[] = [];
  core.watch(scope("configmaps"), {
    labelSelector: "tier=front",
    resourceVersion: core.resourceVersion,
  }, (e) => events.push(`${e.type} ${metaOf(e.object)["name"]}`));
  const api = scope("configmaps", { name: "api" });
  core.patch(api, "merge", { metadata: { labels: { tier: "front" } } });
  core.patch(api, "merge", { data: { x: "1" } });
  core.patch(api, "merge", { metadata: { labels: { tier: "back" } } });
  deepEqual(events, ["ADDED api", "MODIFIED api", "DELETED api"]);
});

Deno.test("SandboxCore.watch() from a resourceVersion older than the event log is 410 Expired", () => {
  const { core } = newCore({ eventLogSize: 3 });
  for (const n of ["a", "b", "c", "d", "e"]) core.create(scope("configmaps"), configMap(n));
  const status = statusOf(() =>
    core.watch(scope("configmaps"), { resourceVersion: "2" }, () => {})
  );
  equal(status["code"], 410);
  equal(status["reason"], "Expired");
  equal(status["message"], "too old resource version: 2 (10)");
});
