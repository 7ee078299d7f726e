import { deepEqual, equal, rejects } from "node:assert/strict";
import type { DriftRequest } from "../../src/engine/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { configMap, deployment, engineHarness } from "../_engine.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };

Deno.test("drift() classifies no drift, manual drift, desired changes, conflicts and missing objects", async () => {
  await using t = await engineHarness();
  const manifests = [configMap("web-config", { a: "1" }), deployment("web", "example/web:1", 1)];
  equal(
    (await t.engine.deploy({ service: "web", namespace: "default", manifests })).status,
    "completed",
  );
  const classes = async (opts: Omit<DriftRequest, "service"> = {}) =>
    Object.fromEntries(
      (await t.engine.drift({ service: "web", ...opts })).resources.map((r) => [r.key, r.drift]),
    );

  deepEqual(await classes(), {
    "ConfigMap/default/web-config": "no_drift",
    "Deployment.apps/default/web": "no_drift",
  });
  await t.h.cluster.patch(CM, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
  const report = await t.engine.drift({ service: "web" });
  equal(report.drifted, 1);
  const manual = report.resources.find((r) => r.key === "ConfigMap/default/web-config");
  equal(manual?.drift, "manual_drift");
  deepEqual(manual?.fields.map((f) => [f.path, f.last, f.live]), [[".data.a", "1", "edited"]]);

  const changed = [configMap("web-config", { a: "1" }), deployment("web", "example/web:2", 1)];
  equal((await classes({ manifests: changed }))["Deployment.apps/default/web"], "desired_changed");
  const both = [configMap("web-config", { a: "2" }), deployment("web", "example/web:1", 1)];
  equal((await classes({ manifests: both }))["ConfigMap/default/web-config"], "conflict");

  await t.h.cluster.delete(CM);
  equal((await classes())["ConfigMap/default/web-config"], "missing");
});

Deno.test("drift() of a service never deployed is SERVICE_NOT_FOUND", async () => {
  await using t = await engineHarness();
  await rejects(
    t.engine.drift({ service: "ghost" }),
    (e) => isNopeaError(e) && e.code === "SERVICE_NOT_FOUND",
  );
});
