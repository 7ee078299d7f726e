import { deepEqual, equal, ok } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { configMapYaml } from "../_apps.ts";
import { mcpHarness } from "../mcp/_harness.ts";
import { INTERVAL_MS, watchHarness } from "./_watch_harness.ts";

Deno.test("suspend and resume are one operation through the CLI, MCP and HTTP", async () => {
  await using h = await mcpHarness();
  const io = bufferedIo();
  const cli = ["suspend", "web", "-n", "default", "--reason", "hotfix", "-o", "json"];
  equal(await runCli(cli, io, { engine: h.engine }), 0, io.err());
  const viaCli = JSON.parse(io.out());
  equal(viaCli.suspended, true);
  equal(viaCli.reason, "hotfix");
  equal((await h.engine.suspension({ service: "web", namespace: "default" })).suspended, true);
  const viaMcp = (await h.call("nopea_resume", { service: "web", namespace: "default" }))
    .structuredContent as Record<string, unknown>;
  deepEqual(viaMcp, { service: "web", namespace: "default", suspended: false });
  const res = await createHttpApp(h.engine).request("/api/suspend", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service: "web", namespace: "default" }),
  });
  equal(res.status, 200, await res.clone().text());
  equal((await res.json()).suspended, true);
  const human = bufferedIo();
  equal(await runCli(["resume", "web", "-n", "default"], human, { engine: h.engine }), 0);
  ok(human.out().includes('Syncing of service "web" in namespace "default" is resumed'));
});

Deno.test("nopea suspend with a bad service name exits 2 naming the field", async () => {
  await using h = await mcpHarness();
  const io = bufferedIo();
  equal(await runCli(["suspend", "Web_1"], io, { engine: h.engine }), 2);
  ok(io.err().includes("service: must be a DNS-1123 label"), io.err());
});

Deno.test("a service suspended by the suspend operation is not synced until resumed", async () => {
  await using w = await watchHarness();
  await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config") });
  await w.watcher.tick();
  await w.harness.engine.suspend({ service: "web", reason: "hotfix" });
  const next = await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config", 'a: "2"') });
  w.harness.h.advance(INTERVAL_MS);
  equal((await w.watcher.tick()).get("web")?.kind, "suspended");
  equal(w.watcher.statuses()[0]?.phase, "Suspended");
  await w.harness.engine.resume({ service: "web" });
  w.harness.h.advance(INTERVAL_MS);
  const outcome = (await w.watcher.tick()).get("web");
  ok(outcome?.kind === "deployed");
  equal(outcome.commit, next);
});
