import { deepEqual, equal } from "node:assert/strict";
import { recordUpdate } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import {
  applied,
  deployment,
  deploymentSchema,
  entries,
  fieldsOf,
  podSpec,
  T0,
  T1,
  T2,
  updated,
} from "./_fixtures.ts";

const created = updated(
  undefined,
  deployment({ replicas: 1, ...podSpec({ name: "app", image: "web:1" }) }),
  "kubectl-create",
  T0,
);

Deno.test("recordUpdate() gives the writer the fields it set or changed", async (t) => {
  await t.step("create: every set field, operation Update", () => {
    deepEqual(entries(created), [{
      manager: "kubectl-create",
      operation: "Update",
      apiVersion: "apps/v1",
      time: T0,
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:spec": {
          "f:replicas": {},
          "f:template": {
            "f:spec": {
              "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} } },
            },
          },
        },
      },
    }]);
  });

  await t.step("update: changed fields move from their owner to the writer", () => {
    const next = updated(created, {
      ...created,
      spec: { ...(created["spec"] as JsonObject), replicas: 4 },
    }, "hpa");
    deepEqual(fieldsOf(next, "hpa", "Update"), { "f:spec": { "f:replicas": {} } });
    equal((fieldsOf(next, "kubectl-create", "Update") as JsonObject)["f:spec"] !== undefined, true);
    deepEqual(
      Object.keys(
        (fieldsOf(next, "kubectl-create", "Update") as JsonObject)["f:spec"] as JsonObject,
      ),
      [
        "f:template",
      ],
    );
  });

  await t.step("a write that changes nothing leaves managedFields alone", () => {
    deepEqual(updated(created, created, "kubectl-edit", T2), created);
  });

  await t.step("the writer's later changes add to its entry and bump its time", () => {
    const first = updated(
      created,
      { ...created, spec: { ...(created["spec"] as JsonObject), replicas: 4 } },
      "hpa",
      T1,
    );
    const second = updated(
      first,
      { ...first, spec: { ...(first["spec"] as JsonObject), paused: true } },
      "hpa",
      T2,
    );
    deepEqual(fieldsOf(second, "hpa", "Update"), {
      "f:spec": { "f:paused": {}, "f:replicas": {} },
    });
    equal(entries(second).find((e) => e["manager"] === "hpa")?.["time"], T2);
  });

  await t.step("removed fields leave every set and empty entries are dropped", () => {
    const live = applied(undefined, deployment({ replicas: 2 }), "nopea");
    const next = updated(live, { ...live, spec: {} }, "kubectl-edit");
    deepEqual(entries(next), []);
  });

  await t.step("a status write is recorded with subresource status", () => {
    const next = recordUpdate(created, { ...created, status: { replicas: 1 } }, {
      manager: "controller",
      apiVersion: "apps/v1",
      time: T1,
      schema: deploymentSchema,
      subresource: "status",
    });
    const entry = entries(next).find((e) => e["manager"] === "controller");
    deepEqual(entry?.["subresource"], "status");
    deepEqual(entry?.["fieldsV1"], { "f:status": { "f:replicas": {} } });
  });

  await t.step("main-resource writes do not track status when it is a subresource", () => {
    const next = updated(created, { ...created, status: { replicas: 1 } }, "kubectl-edit");
    equal(fieldsOf(next, "kubectl-edit", "Update"), undefined);
  });

  await t.step("managedFields: [{}] in the body clears them", () => {
    const meta = { ...(created["metadata"] as JsonObject), managedFields: [{}] };
    const next = updated(created, { ...created, metadata: meta }, "kubectl-edit");
    equal((next["metadata"] as JsonObject)["managedFields"], undefined);
  });

  await t.step("the inputs are not modified", () => {
    const before = structuredClone(created);
    const after = { ...structuredClone(created), spec: { replicas: 9 } };
    const afterCopy = structuredClone(after);
    updated(before, after, "x");
    deepEqual(before, created);
    deepEqual(after, afterCopy);
  });
});
