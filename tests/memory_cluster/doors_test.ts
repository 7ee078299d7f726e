import { deepEqual, equal } from "node:assert/strict";
import { createHttpApp } from "../../src/http/mod.ts";
import { operation } from "../../src/surface/mod.ts";
import { startHttpSandbox } from "../../src/testing/mod.ts";
import { buildRecord } from "../memory/_factory.ts";
import { configMapManifest, machine, scratch } from "./_machines.ts";

Deno.test("HTTP serves memory_sync: POST /api/memory_sync pulls what another machine recorded", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  const two = machine(h, tmp.dir("b"), "b");
  await one.engine.deploy({ service: "web", manifests: configMapManifest("web", "1") });
  const app = createHttpApp(two.engine);
  const response = await app.request("/api/memory_sync", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  equal(response.status, 200);
  deepEqual(await response.json(), { pulled: 1, pushed: 0 });
});

Deno.test("the memory_sync operation (MCP tool nopea_memory_sync) reports pulled and pushed counts", async () => {
  await using h = await startHttpSandbox();
  await using tmp = await scratch();
  const one = machine(h, tmp.dir("a"), "a");
  await one.memory.record(buildRecord({ deployId: "01DEPLOYAPI", service: "api" }));
  const sync = operation("memory_sync");
  deepEqual(await sync?.run(one.engine, {}, { cwd: "." }), { pulled: 0, pushed: 0 });
  const two = machine(h, tmp.dir("b"), "b");
  deepEqual(await sync?.run(two.engine, {}, { cwd: "." }), { pulled: 1, pushed: 0 });
});
