import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { mcpHarness } from "./_harness.ts";

const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } };

async function deployedHarness() {
  const h = await mcpHarness();
  await h.engine.deploy({ service: "web", namespace: "default", manifests: [cm] });
  return h;
}

Deno.test("resources list the services, and templates name the per-service views", async () => {
  await using h = await deployedHarness();
  const { resources } = await h.client.listResources();
  deepEqual(resources.map((r) => r.uri), [
    "nopea://services",
    "nopea://drift",
    "nopea://service/web",
  ]);
  ok(resources.every((r) => r.mimeType === "application/json"));
  const { resourceTemplates } = await h.client.listResourceTemplates();
  deepEqual(resourceTemplates.map((r) => r.uriTemplate), [
    "nopea://service/{name}",
    "nopea://service/{name}/history",
  ]);
});

Deno.test("resources/read returns JSON for each nopea:// resource", async (t) => {
  await using h = await deployedHarness();
  const read = async (uri: string) => {
    const { contents } = await h.client.readResource({ uri });
    equal(contents.length, 1);
    equal(contents[0]?.mimeType, "application/json");
    const content = contents[0];
    return JSON.parse(content && "text" in content ? content.text : "null");
  };
  await t.step("nopea://services", async () => {
    const body = await read("nopea://services");
    deepEqual(body.services.map((s: { service: string }) => s.service), ["web"]);
  });
  await t.step("nopea://service/web has context and live status", async () => {
    const body = await read("nopea://service/web");
    equal(body.context.known, true);
    equal(body.status.healthy, true);
    equal(body.status.resources[0].key, "ConfigMap/default/cfg");
  });
  await t.step("nopea://drift names the services that drifted", async () => {
    equal((await read("nopea://drift")).drifted.length, 0);
    await h.deps.cluster.patch(
      { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "cfg" },
      { data: { a: "changed by hand" } },
      { fieldManager: "kubectl-edit" },
    );
    const body = await read("nopea://drift");
    deepEqual(body.drifted, ["web"]);
    equal(body.services[0].resources[0].drift, "manual_drift");
  });
  await t.step("nopea://service/web/history", async () => {
    const body = await read("nopea://service/web/history");
    equal(body.deploys.length, 1);
    equal(body.deploys[0].status, "completed");
  });
});

Deno.test("resources/read of an unknown or invalid service is a protocol error", async (t) => {
  await using h = await deployedHarness();
  const cases = [
    { name: "unknown service", uri: "nopea://service/ghost", code: -32002 },
    { name: "invalid service name", uri: "nopea://service/Not_A_Label/history", code: -32602 },
    { name: "unknown resource", uri: "nopea://nothing", code: -32602 },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await rejects(h.client.readResource({ uri: c.uri }), (e: { code?: number }) => {
        equal(e.code, c.code);
        return true;
      });
    });
  }
});
