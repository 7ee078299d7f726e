import { deepEqual, equal, rejects } from "node:assert/strict";
import { DiscoveryCache, resourcesFromList } from "../../src/kube/_discovery.ts";
import type { ResourceInfo } from "../../src/kube/mod.ts";

const appsV1 = {
  kind: "APIResourceList",
  groupVersion: "apps/v1",
  resources: [
    { name: "deployments", namespaced: true, kind: "Deployment", verbs: ["get"] },
    { name: "deployments/status", namespaced: true, kind: "Deployment", verbs: ["get"] },
    { name: "deployments/scale", namespaced: true, kind: "Scale", verbs: ["get"] },
    { name: "controllerrevisions", namespaced: true, kind: "ControllerRevision", verbs: ["get"] },
  ],
};

function info(kind: string, plural: string): ResourceInfo {
  return { group: "example.com", version: "v1", kind, plural, namespaced: true, subresources: [] };
}

Deno.test("resourcesFromList() reads resources with their subresources", () => {
  deepEqual(resourcesFromList("apps/v1", appsV1), [
    {
      group: "apps",
      version: "v1",
      kind: "Deployment",
      plural: "deployments",
      namespaced: true,
      subresources: ["status", "scale"],
    },
    {
      group: "apps",
      version: "v1",
      kind: "ControllerRevision",
      plural: "controllerrevisions",
      namespaced: true,
      subresources: [],
    },
  ]);
});

Deno.test("resourcesFromList() reads the core group and tolerates odd bodies", async (t) => {
  await t.step("core group", () => {
    const body = { resources: [{ name: "namespaces", namespaced: false, kind: "Namespace" }] };
    deepEqual(resourcesFromList("v1", body)[0], {
      group: "",
      version: "v1",
      kind: "Namespace",
      plural: "namespaces",
      namespaced: false,
      subresources: [],
    });
  });
  await t.step("no resources", () => deepEqual(resourcesFromList("v1", { kind: "x" }), []));
  await t.step("not an object", () => deepEqual(resourcesFromList("v1", null), []));
});

Deno.test("DiscoveryCache loads an apiVersion once for known kinds", async () => {
  const loads: string[] = [];
  const cache = new DiscoveryCache((apiVersion) => {
    loads.push(apiVersion);
    return Promise.resolve([info("Widget", "widgets")]);
  });
  const [a, b] = await Promise.all([
    cache.find("example.com/v1", "Widget"),
    cache.find("example.com/v1", "Widget"),
  ]);
  equal(a?.plural, "widgets");
  equal(b?.plural, "widgets");
  equal((await cache.find("example.com/v1", "Widget"))?.plural, "widgets");
  deepEqual(loads, ["example.com/v1"]);
});

Deno.test("DiscoveryCache reloads on a miss so newly established kinds are found", async () => {
  const served = [info("Widget", "widgets")];
  let loads = 0;
  const cache = new DiscoveryCache(() => {
    loads++;
    return Promise.resolve([...served]);
  });
  equal((await cache.find("example.com/v1", "Widget"))?.plural, "widgets");
  equal(await cache.find("example.com/v1", "Gadget"), undefined);
  equal(loads, 2);
  served.push(info("Gadget", "gadgets"));
  equal((await cache.find("example.com/v1", "Gadget"))?.plural, "gadgets");
  equal(loads, 3);
  equal((await cache.find("example.com/v1", "Widget"))?.plural, "widgets");
  equal(loads, 3);
});

Deno.test("DiscoveryCache reports an unserved apiVersion as undefined", async () => {
  const cache = new DiscoveryCache(() => Promise.resolve(undefined));
  equal(await cache.find("nothing.io/v1", "Thing"), undefined);
});

Deno.test("DiscoveryCache forgets a failed load", async () => {
  let fail = true;
  const cache = new DiscoveryCache(() =>
    fail ? Promise.reject(new Error("down")) : Promise.resolve([info("Widget", "widgets")])
  );
  await rejects(cache.find("example.com/v1", "Widget"), /down/);
  fail = false;
  equal((await cache.find("example.com/v1", "Widget"))?.plural, "widgets");
});

Deno.test("DiscoveryCache.clear() forces a reload", async () => {
  let loads = 0;
  const cache = new DiscoveryCache(() => {
    loads++;
    return Promise.resolve([info("Widget", "widgets")]);
  });
  await cache.find("example.com/v1", "Widget");
  cache.clear();
  await cache.find("example.com/v1", "Widget");
  equal(loads, 2);
});
