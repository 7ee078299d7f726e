import { equal } from "node:assert/strict";
import { groupVersionPath, resourcePath, withQuery } from "../../src/kube/_paths.ts";
import type { ResourceInfo } from "../../src/kube/mod.ts";

const deployments: ResourceInfo = {
  group: "apps",
  version: "v1",
  kind: "Deployment",
  plural: "deployments",
  namespaced: true,
  subresources: ["status"],
};
const namespaces: ResourceInfo = {
  group: "",
  version: "v1",
  kind: "Namespace",
  plural: "namespaces",
  namespaced: false,
  subresources: [],
};

Deno.test("groupVersionPath() separates the core group from named groups", () => {
  equal(groupVersionPath("v1"), "/api/v1");
  equal(groupVersionPath("apps/v1"), "/apis/apps/v1");
});

Deno.test("resourcePath() builds collection, object and subresource paths", async (t) => {
  const cases = [
    {
      name: "namespaced object",
      info: deployments,
      target: { namespace: "prod", name: "api" },
      expected: "/apis/apps/v1/namespaces/prod/deployments/api",
    },
    {
      name: "status subresource",
      info: deployments,
      target: { namespace: "prod", name: "api", subresource: "status" },
      expected: "/apis/apps/v1/namespaces/prod/deployments/api/status",
    },
    {
      name: "collection in a namespace",
      info: deployments,
      target: { namespace: "prod" },
      expected: "/apis/apps/v1/namespaces/prod/deployments",
    },
    {
      name: "collection across namespaces",
      info: deployments,
      target: {},
      expected: "/apis/apps/v1/deployments",
    },
    {
      name: "cluster-scoped ignores namespace",
      info: namespaces,
      target: { namespace: "x", name: "prod" },
      expected: "/api/v1/namespaces/prod",
    },
    {
      name: "names are escaped",
      info: deployments,
      target: { namespace: "p", name: "a/b c" },
      expected: "/apis/apps/v1/namespaces/p/deployments/a%2Fb%20c",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(resourcePath(c.info, c.target), c.expected));
  }
});

Deno.test("withQuery() keeps defined, non-empty, non-false parameters", () => {
  equal(
    withQuery("/x", { a: "1", b: undefined, c: "", d: false, e: true, f: 5, g: "x=y&z" }),
    "/x?a=1&e=true&f=5&g=x%3Dy%26z",
  );
  equal(withQuery("/x", { a: undefined }), "/x");
});
