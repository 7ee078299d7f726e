import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../../src/shared/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { configMap, deployment, metaOf, newCore, scope, statusOf, widgetCrd } from "./_fixtures.ts";

const widgets = { group: "example.com", version: "v1", plural: "widgets", namespace: "default" };

Deno.test("SandboxCore.exportState()/importState() round-trip objects, CRDs and resourceVersion", () => {
  const { core } = newCore();
  core.create(scope("namespaces"), { metadata: { name: "team" } });
  core.create(scope("deployments", { namespace: "team" }), {
    ...deployment("d"),
    metadata: { name: "d", labels: { app: "d" } },
  });
  core.create(scope("customresourcedefinitions"), widgetCrd());
  core.create(widgets, { metadata: { name: "w" }, spec: { size: 1 } });
  const state = JSON.parse(JSON.stringify(core.exportState())) as JsonObject;

  const { core: restored } = newCore();
  restored.importState(state);
  equal(restored.resourceVersion, core.resourceVersion);
  deepEqual(
    restored.get(scope("deployments", { namespace: "team", name: "d" })),
    core.get(scope("deployments", { namespace: "team", name: "d" })),
  );
  deepEqual(restored.get({ ...widgets, name: "w" })["spec"], { size: 1 });
  deepEqual(restored.exportState(), state);
  const next = restored.create(scope("configmaps"), configMap("after"));
  equal(Number(metaOf(next)["resourceVersion"]), Number(core.resourceVersion) + 1);
});

Deno.test("SandboxCore.importState() expires watches from before the import", () => {
  const { core } = newCore();
  core.create(scope("configmaps"), configMap("a"));
  const state = core.exportState();
  const { core: restored } = newCore();
  restored.importState(state);
  equal(
    statusOf(() => restored.watch(scope("configmaps"), { resourceVersion: "1" }, () => {}))["code"],
    410,
  );
});

Deno.test("SandboxCore.importState() rejects what is not an export, changing nothing", async (t) => {
  const bad: [string, unknown][] = [
    ["another document", { kind: "Other" }],
    ["another format version", {
      kind: "SandboxState",
      version: 9,
      resourceVersion: "1",
      objects: [],
    }],
    ["an object without a name", {
      kind: "SandboxState",
      version: 1,
      resourceVersion: "1",
      objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: {} }],
    }],
    ["a kind no CRD defines", {
      kind: "SandboxState",
      version: 1,
      resourceVersion: "1",
      objects: [{ apiVersion: "x.io/v1", kind: "X", metadata: { name: "x" } }],
    }],
  ];
  for (const [name, state] of bad) {
    await t.step(name, () => {
      const { core } = newCore();
      const before = core.resourceVersion;
      throws(
        () => core.importState(state as JsonObject),
        (e) => isNopeaError(e) && e.code === "SANDBOX_STATE",
      );
      equal(core.resourceVersion, before);
      equal(metaOf(core.get(scope("namespaces", { name: "default" })))["name"], "default");
    });
  }
});
