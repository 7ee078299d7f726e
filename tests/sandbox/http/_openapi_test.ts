import { deepEqual, equal, ok } from "node:assert/strict";
import { startHarness } from "./_harness.ts";

type Doc = Record<string, Record<string, unknown>>;

Deno.test("OpenAPI v3 indexes every group version and declares fieldValidation on PATCH", async (t) => {
  await using h = await startHarness();
  const { body: root } = await h.json("/openapi/v3");
  const paths = root.paths as Record<string, { serverRelativeURL: string }>;
  deepEqual(Object.keys(paths).sort(), ["api/v1", "apis/apps/v1", "apis/example.com/v1alpha1"]);
  await t.step("the group version document", async () => {
    const url = paths["apis/apps/v1"]!.serverRelativeURL;
    ok(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{64}$/.test(url));
    const { body } = await h.json(url);
    equal(body.openapi, "3.0.0");
    const item = (body.paths as Doc)["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!;
    const patch = item.patch as
      & { parameters: { name: string; in: string }[] }
      & Record<string, unknown>;
    deepEqual(patch["x-kubernetes-group-version-kind"], {
      group: "apps",
      version: "v1",
      kind: "Deployment",
    });
    ok(patch.parameters.some((p) => p.name === "fieldValidation" && p.in === "query"));
    const schema = (body.components as Doc).schemas!["io.k8s.api.apps.v1.Deployment"] as Record<
      string,
      unknown
    >;
    deepEqual(schema["x-kubernetes-group-version-kind"], [{
      group: "apps",
      kind: "Deployment",
      version: "v1",
    }]);
  });
  await t.step("cluster-scoped custom resources", async () => {
    const { body } = await h.json("/openapi/v3/apis/example.com/v1alpha1");
    ok((body.paths as Doc)["/apis/example.com/v1alpha1/widgets/{name}"]?.patch);
    ok((body.components as Doc).schemas!["com.example.v1alpha1.Widget"]);
  });
});

Deno.test("OpenAPI v2 is one swagger document with every kind", async () => {
  await using h = await startHarness();
  const res = await h.request("/openapi/v2", {
    headers: {
      accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json",
    },
  });
  equal(res.headers.get("content-type"), "application/json");
  const body = await res.json();
  equal(body.swagger, "2.0");
  ok(body.paths["/api/v1/namespaces/{namespace}/configmaps/{name}"].patch);
  ok(body.definitions["io.k8s.api.core.v1.Pod"]);
});
