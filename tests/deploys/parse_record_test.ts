import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { parseDeployRecord } from "../../src/deploys/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { fixedClock, seqIds } from "../../src/testing/mod.ts";
import { buildRecord } from "../memory/_factory.ts";

Deno.test("parseDeployRecord() accepts a record and names the first bad field", async (t) => {
  await t.step("a full record", () => {
    const r = buildRecord();
    deepEqual(parseDeployRecord(JSON.parse(JSON.stringify(r))), r);
  });
  const resource = buildRecord().resources[0];
  const bad: { name: string; value: unknown; field: string }[] = [
    { name: "not an object", value: [], field: "record" },
    { name: "no service", value: { ...buildRecord(), service: undefined }, field: "service" },
    { name: "unknown strategy", value: { ...buildRecord(), strategy: "yolo" }, field: "strategy" },
    { name: "unknown status", value: { ...buildRecord(), status: "done" }, field: "status" },
    {
      name: "bad finishedAt",
      value: { ...buildRecord(), finishedAt: "yesterday" },
      field: "finishedAt",
    },
    { name: "images not strings", value: { ...buildRecord(), images: [1] }, field: "images" },
    {
      name: "error without code",
      value: { ...buildRecord(), error: { message: "x" } },
      field: "error.code",
    },
    {
      name: "a current record's resource without apiVersion",
      value: { ...buildRecord(), resources: [{ ...resource, apiVersion: undefined }] },
      field: "resources[0].apiVersion",
    },
    {
      name: "unknown resource action",
      value: { ...buildRecord(), resources: [{ ...resource, action: "exploded" }] },
      field: "resources[0].action",
    },
  ];
  for (const c of bad) {
    await t.step(c.name, () => {
      throws(
        () => parseDeployRecord(c.value, "in a test"),
        (e) => isNopeaError(e) && e.code === "MEMORY_CORRUPT" && e.message.includes(`"${c.field}"`),
      );
    });
  }
});

/** A record as Nopea 0.1 wrote it: `drift` a count, string errors, skipped as failed, no apiVersion. */
function legacyRecord(): Record<string, unknown> {
  const { driftCount: _driftCount, resources: _resources, ...rest } = buildRecord({
    service: "legacy",
    status: "failed",
    verified: false,
    error: { code: "DEPLOY_FAILED", message: "Deployment.apps/prod/api: admission denied" },
  });
  return {
    ...rest,
    drift: 2,
    resources: [
      { key: "Namespace/prod", kind: "Namespace", name: "prod", action: "unchanged" },
      {
        key: "Deployment.apps/prod/api",
        kind: "Deployment",
        name: "api",
        namespace: "prod",
        action: "failed",
        error: "admission denied",
      },
      {
        key: "HorizontalPodAutoscaler.autoscaling/prod/api",
        kind: "HorizontalPodAutoscaler",
        name: "api",
        namespace: "prod",
        action: "failed",
        error: "not applied",
      },
      {
        key: "Rollout.kulta.io/prod/api",
        kind: "Rollout",
        name: "api",
        namespace: "prod",
        action: "failed",
        error: "not applied",
      },
      {
        key: "ClusterRole.rbac.authorization.k8s.io/api-reader",
        kind: "ClusterRole",
        name: "api-reader",
        action: "created",
        uid: "u-9",
        resourceVersion: "12",
      },
    ],
  };
}

Deno.test("parseDeployRecord() upgrades a record written by Nopea 0.1 to the current shape", () => {
  const legacy = legacyRecord();
  const before = JSON.stringify(legacy);
  const r = parseDeployRecord(JSON.parse(before));
  equal(r.driftCount, 2);
  equal("drift" in r, false);
  deepEqual(r.resources, [
    {
      key: "Namespace/prod",
      apiVersion: "v1",
      kind: "Namespace",
      name: "prod",
      action: "unchanged",
    },
    {
      key: "Deployment.apps/prod/api",
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: "api",
      namespace: "prod",
      action: "failed",
      error: { code: "DEPLOY_FAILED", message: "admission denied" },
    },
    {
      key: "HorizontalPodAutoscaler.autoscaling/prod/api",
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      name: "api",
      namespace: "prod",
      action: "skipped",
      message: "not applied",
    },
    {
      key: "Rollout.kulta.io/prod/api",
      apiVersion: "kulta.io/v1alpha1",
      kind: "Rollout",
      name: "api",
      namespace: "prod",
      action: "skipped",
      message: "not applied",
    },
    {
      key: "ClusterRole.rbac.authorization.k8s.io/api-reader",
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      name: "api-reader",
      action: "created",
      uid: "u-9",
      resourceVersion: "12",
    },
  ]);
  equal(r.error?.code, "DEPLOY_FAILED");
  equal(JSON.stringify(legacy), before, "the record read is not changed in place");
});

Deno.test("parseDeployRecord() upgrades a 0.1 record without a drift count to driftCount 0", () => {
  const { drift: _drift, ...legacy } = legacyRecord();
  equal(parseDeployRecord(legacy).driftCount, 0);
});

Deno.test("memory imports and replays a 0.1 export in the current shape", async () => {
  const legacy = legacyRecord();
  const occurrence = buildOccurrence(parseDeployRecord(legacy), undefined, {
    id: "01OCCLEGACY000000000000000",
  });
  const item = { ...occurrence, data: { ...occurrence.data, record: legacy } };
  const memory = createMemory(new InMemoryMemoryStore(), {
    clock: fixedClock("2026-01-02T00:00:00Z"),
    ids: seqIds(),
  });
  equal(await memory.import({ occurrences: [item] }), 1);
  const [read] = await memory.history("legacy");
  equal(read?.driftCount, 2);
  deepEqual(read?.resources.map((o) => [o.apiVersion, o.action]), [
    ["v1", "unchanged"],
    ["apps/v1", "failed"],
    ["autoscaling/v2", "skipped"],
    ["kulta.io/v1alpha1", "skipped"],
    ["rbac.authorization.k8s.io/v1", "created"],
  ]);
});
