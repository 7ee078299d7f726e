import { deepEqual, equal } from "node:assert/strict";
import { startHarness } from "./_harness.ts";

type Doc = Record<string, unknown>;
const byName = (list: unknown, name: string) => (list as Doc[]).find((r) => r.name === name);

Deno.test("discovery serves /version, /api and /apis like kube-apiserver", async (t) => {
  await using h = await startHarness();
  await t.step("/version", async () => {
    const { body } = await h.json("/version");
    deepEqual([body.major, body.minor, body.gitVersion], ["1", "32", "v1.32.0-nopea-sandbox"]);
    equal(body.platform, "linux/amd64");
  });
  await t.step("/api", async () => {
    const { body } = await h.json("/api");
    deepEqual(body, {
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{
        clientCIDR: "0.0.0.0/0",
        serverAddress: `127.0.0.1:${h.server.port}`,
      }],
    });
  });
  await t.step("/apis lists named groups with their preferred version", async () => {
    const { body } = await h.json("/apis");
    deepEqual([body.kind, body.apiVersion], ["APIGroupList", "v1"]);
    deepEqual(byName(body.groups, "apps"), {
      name: "apps",
      versions: [{ groupVersion: "apps/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apps/v1", version: "v1" },
    });
    deepEqual((body.groups as Doc[]).map((g) => g.name), ["apps", "example.com"]);
  });
  await t.step("/apis/<group>", async () => {
    const { body } = await h.json("/apis/example.com");
    deepEqual([body.kind, body.name, (body.preferredVersion as Doc).version], [
      "APIGroup",
      "example.com",
      "v1alpha1",
    ]);
  });
  await t.step("aggregated discovery is declined with legacy JSON", async () => {
    const res = await h.request("/apis", {
      headers: {
        accept:
          "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json",
      },
    });
    equal(res.headers.get("content-type"), "application/json");
    equal((await res.json()).kind, "APIGroupList");
  });
});

Deno.test("discovery serves APIResourceLists with subresources and storage version hashes", async (t) => {
  await using h = await startHarness();
  await t.step("/apis/apps/v1", async () => {
    const { body } = await h.json("/apis/apps/v1");
    deepEqual([body.kind, body.groupVersion], ["APIResourceList", "apps/v1"]);
    deepEqual(byName(body.resources, "deployments"), {
      name: "deployments",
      singularName: "deployment",
      namespaced: true,
      kind: "Deployment",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["deploy"],
      categories: ["all"],
      storageVersionHash: "8aSe+NMegvE=",
    });
    deepEqual(byName(body.resources, "deployments/scale"), {
      name: "deployments/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
    equal(byName(body.resources, "deployments/status")?.kind, "Deployment");
  });
  await t.step("/api/v1", async () => {
    const { body } = await h.json("/api/v1");
    equal(body.groupVersion, "v1");
    const configmaps = byName(body.resources, "configmaps");
    equal(configmaps?.storageVersionHash, "qFsyl6wFWjQ=");
    equal(configmaps?.categories, undefined);
    equal(byName(body.resources, "configmaps/status"), undefined);
    equal(byName(body.resources, "namespaces/status")?.namespaced, false);
  });
});
