import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { OPERATIONS } from "../../src/surface/mod.ts";
import { join } from "node:path";
import { configMapYaml, errorBody, mcpHarness } from "./_harness.ts";

Deno.test("serveMcp() lists a tool per operation with schemas and annotations", async () => {
  await using h = await mcpHarness();
  const { tools } = await h.client.listTools();
  deepEqual(tools.map((t) => t.name), OPERATIONS.map((op) => `nopea_${op.name}`));
  for (const op of OPERATIONS) {
    const tool = tools.find((t) => t.name === `nopea_${op.name}`)!;
    equal(tool.inputSchema.type, "object");
    equal(tool.outputSchema?.type, "object");
    equal(tool.title, op.title);
    deepEqual(tool.annotations, {
      title: op.title,
      readOnlyHint: op.hints.readOnly,
      destructiveHint: op.hints.destructive,
      idempotentHint: op.hints.idempotent,
      openWorldHint: op.hints.openWorld,
    });
    if (op.hints.destructive) ok("confirm" in (tool.inputSchema.properties ?? {}));
  }
});

Deno.test("serveMcp() serves the tools --read-only, --tools and --deny-tools select", async (t) => {
  const cases = [
    {
      name: "read-only hides destructive tools",
      options: { readOnly: true },
      has: "nopea_diff",
      lacks: "nopea_deploy",
    },
    {
      name: "tools allows by name with or without prefix",
      options: { tools: ["context", "nopea_diff"] },
      has: "nopea_context",
      lacks: "nopea_history",
    },
    {
      name: "deny-tools removes a tool",
      options: { denyTools: ["nopea_deploy"] },
      has: "nopea_status",
      lacks: "nopea_deploy",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using h = await mcpHarness(c.options);
      const names = (await h.client.listTools()).tools.map((tool) => tool.name);
      ok(names.includes(c.has));
      equal(names.includes(c.lacks), false);
      await rejects(h.client.callTool({ name: c.lacks, arguments: {} }), /Unknown tool/);
    });
  }
  await t.step("an unknown tool name is refused before serving", async () => {
    await rejects(
      mcpHarness({ tools: ["nopea_depoly"] }),
      (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && /nopea_depoly/.test(e.message),
    );
  });
});

Deno.test("tool failures are isError results with code, message and hint", async (t) => {
  await using h = await mcpHarness();
  const cases = [
    {
      name: "invalid service name",
      tool: "nopea_context",
      args: { service: "Web!" },
      code: "SPEC_INVALID",
    },
    { name: "unknown field", tool: "nopea_services", args: { page: 2 }, code: "SPEC_INVALID" },
    {
      name: "invalid cursor",
      tool: "nopea_history",
      args: { service: "web", cursor: "nope" },
      code: "SPEC_INVALID",
    },
    {
      name: "status of an unknown service",
      tool: "nopea_status",
      args: { service: "ghost" },
      code: "SERVICE_NOT_FOUND",
    },
    {
      name: "unparsable manifests",
      tool: "nopea_diff",
      args: { service: "web", manifests: "kind: [" },
      code: "MANIFEST_PARSE",
    },
    {
      name: "missing manifest file",
      tool: "nopea_diff",
      args: { service: "web", manifests: ["missing.yaml"] },
      code: "MANIFEST_INVALID",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const result = await h.call(c.tool, c.args);
      equal(result.isError, true);
      equal(result.structuredContent, undefined);
      const body = errorBody(result);
      equal(body.code, c.code, body.message);
      ok(body.message.length > 0);
      ok(body.hint);
    });
  }
});

Deno.test("nopea_history and nopea_services paginate with limit and cursor", async () => {
  await using h = await mcpHarness();
  const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } };
  for (const service of ["web", "web", "web", "api"]) {
    await h.engine.deploy({ service, namespace: "default", manifests: [cm] });
  }
  const first = await h.call("nopea_history", { service: "web", limit: 2 });
  const firstDeploys = first.structuredContent?.["deploys"] as { deployId: string }[];
  equal(firstDeploys.length, 2);
  const cursor = first.structuredContent?.["nextCursor"];
  equal(typeof cursor, "string");
  const second = await h.call("nopea_history", { service: "web", limit: 2, cursor });
  const secondDeploys = second.structuredContent?.["deploys"] as { deployId: string }[];
  equal(secondDeploys.length, 1);
  equal(second.structuredContent?.["nextCursor"], undefined);
  equal(new Set([...firstDeploys, ...secondDeploys].map((d) => d.deployId)).size, 3);
  const services = await h.call("nopea_services", { limit: 1 });
  equal((services.structuredContent?.["services"] as unknown[]).length, 1);
  equal(typeof services.structuredContent?.["nextCursor"], "string");
});

Deno.test("nopea_diff takes manifests as text, objects, or paths relative to the cwd", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-mcp-" });
  try {
    await Deno.writeTextFile(join(dir, "cm.yaml"), configMapYaml("from-file"));
    await using h = await mcpHarness({ cwd: dir });
    const cases = [
      {
        name: "YAML text",
        manifests: configMapYaml("from-text"),
        key: "ConfigMap/default/from-text",
      },
      {
        name: "an array of objects",
        manifests: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "from-object" } }],
        key: "ConfigMap/default/from-object",
      },
      { name: "a relative file path", manifests: ["cm.yaml"], key: "ConfigMap/default/from-file" },
    ];
    for (const c of cases) {
      await t.step(c.name, async () => {
        const result = await h.call("nopea_diff", { service: "web", manifests: c.manifests });
        const entries = result.structuredContent?.["entries"] as { key: string; action: string }[];
        deepEqual(entries.map((e) => [e.key, e.action]), [[c.key, "create"]]);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
