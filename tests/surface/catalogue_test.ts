/** The catalogue holds operations only: no transport's fields, and every door reaches each one. */
import { deepEqual, equal, ok } from "node:assert/strict";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { MEMORY_OPERATIONS, operation, OPERATIONS } from "../../src/surface/mod.ts";
import { mcpHarness } from "../mcp/_harness.ts";

Deno.test("no operation's input carries a transport's field", () => {
  for (const op of [...OPERATIONS, ...MEMORY_OPERATIONS]) {
    equal("confirm" in op.input, false, `${op.name}: confirm belongs to the MCP transport`);
    equal(operation(op.name), op);
  }
});

Deno.test("the HTTP app says whether it needs a key: configuration, not module state", async () => {
  await using h = await mcpHarness();
  equal(createHttpApp(h.engine, { apiKey: "k" }).requiresApiKey, true);
  equal(createHttpApp(h.engine).requiresApiKey, false);
  equal(createHttpApp(h.engine, { apiKey: "" }).requiresApiKey, false);
});

Deno.test("unlock is one operation through the CLI, MCP and HTTP", async () => {
  await using h = await mcpHarness();
  const io = bufferedIo();
  equal(await runCli(["unlock", "web", "-o", "json"], io, { engine: h.engine }), 0, io.err());
  const viaCli = JSON.parse(io.out());
  const res = await createHttpApp(h.engine).request("/api/unlock/web", { method: "POST" });
  equal(res.status, 200);
  const viaHttp = await res.json();
  const result = await h.call("nopea_unlock", { service: "web", confirm: true });
  const { confirmation, ...viaMcp } = result.structuredContent as Record<string, unknown>;
  equal(confirmation, "argument");
  deepEqual(viaHttp, viaCli);
  deepEqual(viaMcp, viaCli);
  deepEqual(viaCli, { service: "web", namespace: "default", lease: "nopea-web", removed: false });
});

Deno.test("nopea memory stats runs the catalogue's memory_stats operation", async () => {
  await using h = await mcpHarness();
  const io = bufferedIo();
  equal(await runCli(["memory", "stats", "-o", "json"], io, { engine: h.engine }), 0, io.err());
  const viaCli = JSON.parse(io.out());
  const op = operation("memory_stats");
  ok(op);
  deepEqual(viaCli, await op.run(h.engine, {}, { cwd: "." }));
});
