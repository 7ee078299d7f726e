import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { PatchError, serverSideApply } from "../../../src/sandbox/ssa/mod.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import {
  applied,
  at,
  conflicted,
  deployment,
  deploymentSchema,
  entries,
  fieldsOf,
  plainSchema,
  podSpec,
  T0,
  T1,
  T2,
  updated,
} from "./_fixtures.ts";

const web = (image = "web:1"): JsonObject => ({ name: "app", image });

Deno.test("serverSideApply() creates, re-applies and prunes as kube does", async (t) => {
  const config = deployment({ replicas: 2, ...podSpec(web()) });
  const created = applied(undefined, config, "nopea");

  await t.step("create via apply stores the configuration and an Apply entry", () => {
    deepEqual(created, {
      ...config,
      metadata: {
        name: "web",
        namespace: "prod",
        managedFields: [{
          manager: "nopea",
          operation: "Apply",
          apiVersion: "apps/v1",
          time: T0,
          fieldsType: "FieldsV1",
          fieldsV1: {
            "f:spec": {
              "f:replicas": {},
              "f:template": {
                "f:spec": {
                  "f:containers": {
                    'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} },
                  },
                },
              },
            },
          },
        }],
      },
    });
  });

  await t.step("re-applying the same configuration later changes nothing, time included", () => {
    deepEqual(applied(created, config, "nopea", { time: T1 }), created);
  });

  await t.step("a changed value updates the entry's time", () => {
    const next = applied(created, deployment({ replicas: 3, ...podSpec(web()) }), "nopea", {
      time: T1,
    });
    equal(at(next, "spec.replicas"), 3);
    equal(entries(next)[0]?.["time"], T1);
  });

  await t.step("a field removed from the configuration is removed from the object", () => {
    const next = applied(created, deployment(podSpec(web())), "nopea", { time: T1 });
    equal(at(next, "spec.replicas"), undefined);
    deepEqual(Object.keys(fieldsOf(next, "nopea") as JsonObject), ["f:spec"]);
    equal(at(fieldsOf(next, "nopea"), "f:spec.f:replicas"), undefined);
  });

  await t.step("a field set to null is removed", () => {
    const next = applied(created, deployment({ replicas: null, ...podSpec(web()) }), "nopea");
    ok(!Object.hasOwn(at(next, "spec") as JsonObject, "replicas"));
  });

  await t.step("inputs are never modified", () => {
    const live = structuredClone(created);
    const patch = deployment({ replicas: 9, ...podSpec(web("web:2")) });
    const before = structuredClone(patch);
    applied(live, patch, "other", { force: true });
    deepEqual(live, created);
    deepEqual(patch, before);
  });
});

Deno.test("serverSideApply() shares fields applied with the same value", async (t) => {
  const config = deployment({ replicas: 2, paused: false });
  const a = applied(undefined, config, "a");
  const both = applied(a, config, "b", { time: T1 });

  await t.step("the same value from another manager is co-owned, not a conflict", () => {
    deepEqual(fieldsOf(both, "a"), { "f:spec": { "f:paused": {}, "f:replicas": {} } });
    deepEqual(fieldsOf(both, "b"), { "f:spec": { "f:paused": {}, "f:replicas": {} } });
  });

  await t.step("a co-owned field stays when one manager stops applying it", () => {
    const next = applied(both, deployment({ paused: false }), "a", { time: T2 });
    equal(at(next, "spec.replicas"), 2);
    deepEqual(fieldsOf(next, "a"), { "f:spec": { "f:paused": {} } });
    deepEqual(fieldsOf(next, "b"), { "f:spec": { "f:paused": {}, "f:replicas": {} } });
  });

  await t.step("a field goes once its last owner stops applying it", () => {
    const afterA = applied(both, deployment({ paused: false }), "a", { time: T2 });
    const afterB = applied(afterA, deployment({ paused: false }), "b", { time: T2 });
    equal(at(afterB, "spec.replicas"), undefined);
  });
});

Deno.test("serverSideApply() reports conflicts and force takes ownership", async (t) => {
  const live = applied(undefined, deployment({ replicas: 2, ...podSpec(web()) }), "nopea");
  const edited = updated(
    live,
    { ...live, spec: { ...(live["spec"] as JsonObject), replicas: 5 } },
    "kubectl-edit",
  );

  await t.step("conflict with an Update manager that changed the field", () => {
    deepEqual(conflicted(edited, deployment({ replicas: 3 }), "nopea"), [
      {
        manager: "kubectl-edit",
        operation: "Update",
        apiVersion: "apps/v1",
        time: T1,
        field: ".spec.replicas",
      },
    ]);
  });

  await t.step("conflict with another Apply manager on a keyed list item field", () => {
    deepEqual(conflicted(live, deployment(podSpec(web("web:2"))), "helm"), [
      {
        manager: "nopea",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T0,
        field: '.spec.template.spec.containers[name="app"].image',
      },
    ]);
  });

  await t.step("conflicts are sorted by manager, then field", () => {
    const patch = deployment({ replicas: 7, ...podSpec(web("web:3")) });
    const fields = conflicted(edited, patch, "helm").map((c) => `${c.manager} ${c.field}`);
    deepEqual(fields, [
      "kubectl-edit .spec.replicas",
      'nopea .spec.template.spec.containers[name="app"].image',
    ]);
  });

  await t.step("setting another manager's field to null is a conflict", () => {
    deepEqual(conflicted(edited, deployment({ replicas: null }), "helm").map((c) => c.field), [
      ".spec.replicas",
    ]);
  });

  await t.step("force applies the value and moves the field to the applier", () => {
    const forced = applied(edited, deployment({ replicas: 3 }), "helm", { force: true, time: T2 });
    equal(at(forced, "spec.replicas"), 3);
    equal(fieldsOf(forced, "kubectl-edit", "Update"), undefined);
    deepEqual(fieldsOf(forced, "helm"), { "f:spec": { "f:replicas": {} } });
    equal(at(fieldsOf(forced, "nopea"), "f:spec.f:replicas"), undefined);
  });

  await t.step("without force nothing is written", () => {
    const result = serverSideApply({
      live: edited,
      patch: deployment({ replicas: 3 }),
      manager: "nopea",
      force: false,
      apiVersion: "apps/v1",
      time: T2,
      schema: deploymentSchema,
    });
    equal(result.ok, false);
    equal(at(edited, "spec.replicas"), 5);
  });
});

Deno.test("serverSideApply() honours the status subresource", async (t) => {
  const withStatus = deployment({ replicas: 1 }, { status: { replicas: 0 } });
  const live = applied(undefined, withStatus, "nopea");

  await t.step("status is ignored on main-resource applies", () => {
    equal(live["status"], undefined);
    deepEqual(fieldsOf(live, "nopea"), { "f:spec": { "f:replicas": {} } });
  });

  await t.step("an apply to /status sets only status, recorded with subresource", () => {
    const patch = deployment({ replicas: 9 }, {
      status: { readyReplicas: 1, conditions: [{ type: "Available", status: "True" }] },
    });
    const next = applied(live, patch, "controller", { subresource: "status", time: T1 });
    equal(at(next, "spec.replicas"), 1);
    equal(at(next, "status.readyReplicas"), 1);
    const entry = entries(next).find((e) => e["manager"] === "controller");
    equal(entry?.["subresource"], "status");
    deepEqual(entry?.["fieldsV1"], {
      "f:status": {
        "f:conditions": {
          'k:{"type":"Available"}': { ".": {}, "f:status": {}, "f:type": {} },
        },
        "f:readyReplicas": {},
      },
    });
  });

  await t.step("live status is kept by later main-resource applies", () => {
    const withLiveStatus = applied(live, deployment({}, { status: { readyReplicas: 1 } }), "c", {
      subresource: "status",
    });
    const next = applied(withLiveStatus, deployment({ replicas: 2 }, { status: {} }), "nopea");
    deepEqual(next["status"], { readyReplicas: 1 });
  });

  await t.step("without a status subresource, status is an ordinary field", () => {
    const cm = applied(
      undefined,
      { kind: "Thing", metadata: { name: "t" }, status: { a: 1 } },
      "x",
      {
        schema: plainSchema,
      },
    );
    deepEqual(fieldsOf(cm, "x"), { "f:status": { "f:a": {} } });
  });
});

Deno.test("serverSideApply() keeps metadata and rejects bad configurations", async (t) => {
  await t.step("server-set metadata of live is preserved and not tracked", () => {
    const created = applied(undefined, deployment({ replicas: 1 }), "nopea");
    const meta = created["metadata"] as JsonObject;
    const live = {
      ...created,
      metadata: { ...meta, uid: "u-1", resourceVersion: "7", generation: 3 },
    };
    const patch = deployment({ replicas: 1 });
    (patch["metadata"] as JsonObject)["labels"] = { app: "web" };
    const next = applied(live, patch, "nopea", { time: T1 });
    deepEqual(
      [
        at(next, "metadata.uid"),
        at(next, "metadata.resourceVersion"),
        at(next, "metadata.generation"),
      ],
      ["u-1", "7", 3],
    );
    deepEqual(fieldsOf(next, "nopea"), {
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": { "f:replicas": {} },
    });
  });

  await t.step("labels are granular: two managers each own one", () => {
    const label = (k: string): JsonObject => ({
      kind: "ConfigMap",
      metadata: { name: "c", labels: { [k]: "1" } },
    });
    const one = applied(undefined, label("a"), "m1", { schema: plainSchema });
    const two = applied(one, label("b"), "m2", { schema: plainSchema });
    deepEqual(at(two, "metadata.labels"), { a: "1", b: "1" });
  });

  await t.step("an object without managedFields is owned by before-first-apply", () => {
    const live = deployment({ replicas: 1 });
    deepEqual(
      conflicted(live, deployment({ replicas: 2 }), "nopea")[0]?.manager,
      "before-first-apply",
    );
  });

  await t.step("managedFields in the configuration are rejected", () => {
    const patch = deployment({}, { metadata: { name: "web", managedFields: [{ manager: "x" }] } });
    throws(() => applied(undefined, patch, "nopea"), PatchError);
  });

  await t.step("duplicate keys in a keyed list are rejected", () => {
    throws(
      () => applied(undefined, deployment(podSpec(web(), web("web:2"))), "nopea"),
      (e: unknown) =>
        e instanceof PatchError &&
        e.message === "Cannot apply the configuration: .spec.template.spec.containers: " +
            'duplicate entries for key [name="app"]',
    );
  });

  await t.step("keyed list items without their key are rejected", () => {
    throws(() => applied(undefined, deployment(podSpec({ image: "x" })), "nopea"), PatchError);
  });
});
