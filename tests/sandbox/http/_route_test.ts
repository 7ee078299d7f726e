import { deepEqual, equal } from "node:assert/strict";
import { body, startHarness } from "./_harness.ts";

Deno.test("the HTTP door maps REST paths to the scope the API is called with", async (t) => {
  await using h = await startHarness();
  const cases = [
    { method: "GET", path: "/api/v1/namespaces", verb: "list", scope: { plural: "namespaces" } },
    {
      method: "GET",
      path: "/api/v1/namespaces/shop",
      verb: "get",
      scope: { plural: "namespaces", name: "shop" },
    },
    {
      method: "GET",
      path: "/api/v1/namespaces/shop/status",
      verb: "get",
      scope: { plural: "namespaces", name: "shop", subresource: "status" },
    },
    {
      method: "GET",
      path: "/api/v1/namespaces/shop/configmaps",
      verb: "list",
      scope: { plural: "configmaps", namespace: "shop" },
    },
    {
      method: "GET",
      path: "/api/v1/namespaces/shop/configmaps/web",
      verb: "get",
      scope: { plural: "configmaps", namespace: "shop", name: "web" },
    },
    { method: "GET", path: "/api/v1/configmaps", verb: "list", scope: { plural: "configmaps" } },
    {
      method: "GET",
      path: "/apis/apps/v1/deployments",
      verb: "list",
      scope: { group: "apps", plural: "deployments" },
    },
    {
      method: "GET",
      path: "/apis/apps/v1/namespaces/shop/deployments/api/scale",
      verb: "get",
      scope: {
        group: "apps",
        plural: "deployments",
        namespace: "shop",
        name: "api",
        subresource: "scale",
      },
    },
    {
      method: "PUT",
      path: "/apis/apps/v1/namespaces/shop/deployments/api/status",
      verb: "replace",
      scope: {
        group: "apps",
        plural: "deployments",
        namespace: "shop",
        name: "api",
        subresource: "status",
      },
    },
    {
      method: "GET",
      path: "/apis/example.com/v1alpha1/widgets/w1",
      verb: "get",
      scope: { group: "example.com", version: "v1alpha1", plural: "widgets", name: "w1" },
    },
    {
      method: "DELETE",
      path: "/api/v1/namespaces/shop/configmaps/web",
      verb: "delete",
      scope: { plural: "configmaps", namespace: "shop", name: "web" },
    },
  ];
  for (const c of cases) {
    await t.step(`${c.method} ${c.path}`, async () => {
      h.api.calls.length = 0;
      const res = await h.request(
        c.path,
        c.method === "PUT" ? body("PUT", { metadata: { name: "api" } }) : { method: c.method },
      );
      await res.body?.cancel();
      const expected = { group: "", version: "v1", ...c.scope };
      deepEqual({ verb: h.api.calls[0]?.verb, scope: h.api.calls[0]?.scope }, {
        verb: c.verb,
        scope: expected,
      });
    });
  }
});

Deno.test("the HTTP door routes watch requests, including the legacy /watch/ prefix", async (t) => {
  await using h = await startHarness();
  const cases = [
    { path: "/api/v1/namespaces/shop/configmaps?watch=true", query: {} },
    { path: "/api/v1/namespaces/shop/configmaps?watch=1", query: {} },
    { path: "/api/v1/watch/namespaces/shop/configmaps", query: {} },
    {
      path: "/api/v1/namespaces/shop/configmaps/web?watch=true",
      query: { fieldSelector: "metadata.name=web" },
    },
  ];
  for (const c of cases) {
    await t.step(c.path, async () => {
      h.api.calls.length = 0;
      const res = await h.request(c.path);
      equal(res.status, 200);
      await res.body?.cancel();
      const call = h.api.calls.find((x) => x.verb === "watch");
      deepEqual(call?.scope, { group: "", version: "v1", plural: "configmaps", namespace: "shop" });
      deepEqual(call?.query, c.query);
    });
  }
});

Deno.test("the HTTP door answers 404 NotFound for paths it does not serve", async (t) => {
  await using h = await startHarness();
  const paths = [
    "/foo",
    "/api/v2/pods",
    "/apis/nothing.io/v1/things",
    "/apis/apps/v2",
    "/apis/apps/v1/namespaces/shop/gizmos",
    "/apis/example.com/v1alpha1/namespaces/shop/widgets",
    "/apis/apps/v1/deployments/api",
    "/apis/apps/v1/namespaces/shop/deployments/api/exec",
    "/api/v1/namespaces/shop/configmaps/web/status",
    "/api/v1/namespaces/shop/configmaps/web/a/b",
    "/openapi/v3/apis/nothing.io/v1",
  ];
  for (const path of paths) {
    await t.step(path, async () => {
      const { status, body: res } = await h.json(path);
      equal(status, 404);
      deepEqual(
        [res.kind, res.reason, res.message],
        ["Status", "NotFound", "the server could not find the requested resource"],
      );
    });
  }
});

Deno.test("the HTTP door answers 405 MethodNotAllowed for verbs a path does not take", async (t) => {
  await using h = await startHarness();
  const cases = [
    { method: "POST", path: "/api/v1/namespaces/shop/configmaps/web" },
    { method: "PUT", path: "/api/v1/namespaces/shop/configmaps" },
    { method: "PATCH", path: "/api/v1/namespaces/shop/configmaps" },
    { method: "POST", path: "/apis/apps/v1/deployments" },
    { method: "POST", path: "/api/v1" },
  ];
  for (const c of cases) {
    await t.step(`${c.method} ${c.path}`, async () => {
      const { status, body: res } = await h.json(c.path, body(c.method, {}));
      equal(status, 405);
      equal(res.reason, "MethodNotAllowed");
      equal(h.api.calls.filter((x) => x.verb !== "get" && x.verb !== "list").length, 0);
    });
  }
});
