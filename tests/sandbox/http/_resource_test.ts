import { deepEqual, equal, ok } from "node:assert/strict";
import type { RequestScope } from "../../../src/sandbox/api_types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { FakeApi } from "./_fake_api.ts";
import { body, startHarness } from "./_harness.ts";

const CMS = "/api/v1/namespaces/shop/configmaps";
const cm = (name: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  data: { a: "1" },
});

Deno.test("POST creates with 201 and passes write options", async (t) => {
  await using h = await startHarness();
  await t.step("JSON body with fieldManager and dryRun=All", async () => {
    const res = await h.json(
      `${CMS}?fieldManager=me&dryRun=All&fieldValidation=Strict`,
      body("POST", cm("a")),
    );
    equal(res.status, 201);
    equal((res.body.metadata as JsonObject).name, "a");
    deepEqual(h.api.calls.at(-1)?.options, { fieldManager: "me", dryRun: true });
  });
  await t.step("YAML body", async () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";
    const res = await h.json(CMS, body("POST", yaml, "application/yaml"));
    equal(res.status, 201);
    deepEqual(h.api.calls.at(-1)?.body, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "b" },
    });
  });
});

Deno.test("the HTTP door rejects bad bodies and options as kube-apiserver does", async (t) => {
  await using h = await startHarness();
  const cases = [
    {
      name: "protobuf body without the k8s envelope",
      path: CMS,
      init: body("POST", "x", "application/vnd.kubernetes.protobuf"),
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "malformed JSON",
      path: CMS,
      init: body("POST", "{nope"),
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "an array as object",
      path: CMS,
      init: body("POST", [1]),
      status: 400,
      reason: "BadRequest",
    },
    { name: "an empty body", path: CMS, init: body("POST", ""), status: 400, reason: "BadRequest" },
    {
      name: "dryRun=Some",
      path: `${CMS}?dryRun=Some`,
      init: body("POST", cm("x")),
      status: 422,
      reason: "Invalid",
    },
    {
      name: "fieldValidation=Loose",
      path: `${CMS}?fieldValidation=Loose`,
      init: body("POST", cm("x")),
      status: 422,
      reason: "Invalid",
    },
    { name: "limit=abc", path: `${CMS}?limit=abc`, init: {}, status: 400, reason: "BadRequest" },
    {
      name: "PATCH as application/json",
      path: `${CMS}/x`,
      init: body("PATCH", {}),
      status: 415,
      reason: "UnsupportedMediaType",
    },
    {
      name: "apply without fieldManager",
      path: `${CMS}/x`,
      init: body("PATCH", cm("x"), "application/apply-patch+yaml"),
      status: 422,
      reason: "Invalid",
    },
    {
      name: "force on a merge patch",
      path: `${CMS}/x?force=true`,
      init: body("PATCH", {}, "application/merge-patch+json"),
      status: 422,
      reason: "Invalid",
    },
    {
      name: "JSON patch that is not an array",
      path: `${CMS}/x`,
      init: body("PATCH", {}, "application/json-patch+json"),
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "malformed apply YAML",
      path: `${CMS}/x?fieldManager=m`,
      init: body("PATCH", "a: [", "application/apply-patch+yaml"),
      status: 400,
      reason: "BadRequest",
    },
    {
      name: "propagationPolicy=Never",
      path: `${CMS}/x?propagationPolicy=Never`,
      init: { method: "DELETE" },
      status: 422,
      reason: "Invalid",
    },
    { name: "a missing object", path: `${CMS}/missing`, init: {}, status: 404, reason: "NotFound" },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const before = h.api.calls.filter((x) => x.verb !== "get").length;
      const res = await h.json(c.path, c.init);
      deepEqual([res.status, res.body.kind, res.body.reason, res.body.code], [
        c.status,
        "Status",
        c.reason,
        c.status,
      ]);
      if (c.status !== 404) equal(h.api.calls.filter((x) => x.verb !== "get").length, before);
    });
  }
  await t.step("the 422 message names the options object and field", async () => {
    const res = await h.json(
      `${CMS}/x?dryRun=Some`,
      body("PATCH", {}, "application/merge-patch+json"),
    );
    equal(
      res.body.message,
      'PatchOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Some"}: supported values: "All"',
    );
  });
});

Deno.test("PATCH dispatches on Content-Type and answers 201 when an apply creates", async (t) => {
  await using h = await startHarness();
  const cases = [
    {
      type: "application/apply-patch+yaml",
      query: "?fieldManager=m&force=true",
      payload: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n",
      patchType: "apply",
      status: 201,
      options: { fieldManager: "m", force: true },
    },
    {
      type: "application/apply-patch+yaml; charset=utf-8",
      query: "?fieldManager=m",
      payload: JSON.stringify(cm("p")),
      patchType: "apply",
      status: 200,
      options: { fieldManager: "m" },
    },
    {
      type: "application/merge-patch+json",
      query: "",
      payload: '{"data":{"b":"2"}}',
      patchType: "merge",
      status: 200,
      options: {},
    },
    {
      type: "application/strategic-merge-patch+json",
      query: "?dryRun=All",
      payload: '{"data":{}}',
      patchType: "strategic",
      status: 200,
      options: { dryRun: true },
    },
    {
      type: "application/json-patch+json",
      query: "",
      payload: '[{"op":"remove","path":"/data/a"}]',
      patchType: "json",
      status: 200,
      options: {},
    },
  ];
  for (const c of cases) {
    await t.step(c.type, async () => {
      const res = await h.request(`${CMS}/p${c.query}`, body("PATCH", c.payload, c.type));
      equal(res.status, c.status);
      await res.body?.cancel();
      const call = h.api.calls.at(-1);
      deepEqual([call?.verb, call?.patchType, call?.options], ["patch", c.patchType, c.options]);
    });
  }
});

function lastDelete(api: FakeApi) {
  return api.calls.findLast((c) => c.verb === "delete");
}

Deno.test("DELETE reads options from the query and the DeleteOptions body", async (t) => {
  await using h = await startHarness();
  const scope: RequestScope = { group: "", version: "v1", plural: "configmaps", namespace: "shop" };
  await t.step(
    "body options, success Status for a kind that does not return the object",
    async () => {
      h.api.create(scope, cm("d1"));
      const init = body("DELETE", {
        kind: "DeleteOptions",
        apiVersion: "v1",
        propagationPolicy: "Foreground",
        dryRun: ["All"],
      });
      const res = await h.json(`${CMS}/d1`, init);
      deepEqual(lastDelete(h.api)?.options, { dryRun: true, propagationPolicy: "Foreground" });
      deepEqual([res.status, res.body.kind, res.body.status], [200, "Status", "Success"]);
      deepEqual(res.body.details, { name: "d1", group: "", kind: "configmaps" });
    },
  );
  await t.step("the query propagationPolicy wins", async () => {
    h.api.create(scope, cm("d2"));
    const res = await h.request(
      `${CMS}/d2?propagationPolicy=Orphan`,
      body("DELETE", { propagationPolicy: "Background" }),
    );
    await res.body?.cancel();
    deepEqual(lastDelete(h.api)?.options, { propagationPolicy: "Orphan" });
  });
  await t.step("pods answer with the deleted object", async () => {
    h.api.create({ ...scope, plural: "pods" }, { kind: "Pod", metadata: { name: "p1" } });
    const res = await h.json("/api/v1/namespaces/shop/pods/p1", { method: "DELETE" });
    equal(res.body.kind, "Pod");
  });
  await t.step("deletecollection deletes every listed object", async () => {
    h.api.create(scope, cm("d3"));
    h.api.create(scope, cm("d4"));
    const res = await h.json(`${CMS}?labelSelector=x`, { method: "DELETE" });
    equal(res.status, 200);
    deepEqual((res.body.items as JsonObject[]).map((i) => (i.metadata as JsonObject).name), [
      "d3",
      "d4",
    ]);
    equal(h.api.objects.size, 0);
  });
});

Deno.test("GET passes list parameters through and answers the API's objects", async () => {
  await using h = await startHarness();
  const res = await h.json(
    `${CMS}?labelSelector=app%3Dweb&fieldSelector=metadata.name%3Dx&limit=5&continue=c1&resourceVersion=7`,
  );
  equal(res.status, 200);
  deepEqual(h.api.calls.at(-1)?.query, {
    labelSelector: "app=web",
    fieldSelector: "metadata.name=x",
    limit: 5,
    continue: "c1",
    resourceVersion: "7",
  });
});

Deno.test("the HTTP door answers 500 InternalError when the API throws something else", async () => {
  class Broken extends FakeApi {
    override get(): JsonObject {
      throw new TypeError("boom");
    }
  }
  await using h = await startHarness({ api: new Broken() });
  const res = await h.json(`${CMS}/x`);
  deepEqual([res.status, res.body.reason], [500, "InternalError"]);
  ok(String(res.body.message).includes("boom"));
});
