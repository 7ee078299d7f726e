/** Remote MCP at /mcp on the HTTP server, driven by the MCP SDK's own Streamable HTTP client. */
import { deepEqual, equal, ok, rejects } from "node:assert/strict";
// @ts-types="@modelcontextprotocol/sdk/client/index"
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { configMapYaml, mcpHarness } from "./_harness.ts";
import { DEPLOY_KEY, READ_KEY, servedOverHttp as served } from "./_http_server.ts";

async function connect(url: string, key: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  const client = new Client({ name: "nopea-http-test", version: "1" });
  await client.connect(transport);
  return client;
}

Deno.test("/mcp serves the same tools, resources and prompts as stdio", async () => {
  await using local = await mcpHarness();
  await served(async (url) => {
    const client = await connect(url, DEPLOY_KEY);
    try {
      equal(client.getServerVersion()?.version, "9.9.9");
      const names = async (c: Client) => ({
        tools: (await c.listTools()).tools.map((t) => t.name),
        resources: (await c.listResourceTemplates()).resourceTemplates.map((r) => r.name),
        prompts: (await c.listPrompts()).prompts.map((p) => p.name),
      });
      deepEqual(await names(client), await names(local.client));
      const deployed = await client.callTool({
        name: "nopea_deploy",
        arguments: { service: "web", manifests: configMapYaml("web"), confirm: true },
      }) as CallToolResult;
      equal(deployed.isError ?? false, false, JSON.stringify(deployed.content));
      equal((deployed.structuredContent as { status?: string }).status, "completed");
      const history = await client.callTool({
        name: "nopea_history",
        arguments: { service: "web" },
      });
      equal((history.structuredContent as { deploys: unknown[] }).deploys.length, 1);
    } finally {
      await client.close();
    }
  });
});

Deno.test("/mcp with the read-only key offers only read-only tools", async () => {
  await served(async (url) => {
    const client = await connect(url, READ_KEY);
    try {
      const tools = (await client.listTools()).tools;
      ok(tools.length > 0);
      ok(tools.every((t) => t.annotations?.readOnlyHint === true), tools.map((t) => t.name).join());
      equal(tools.some((t) => t.name === "nopea_deploy"), false);
      await rejects(
        client.callTool({
          name: "nopea_deploy",
          arguments: { service: "web", manifests: configMapYaml("web"), confirm: true },
        }),
        /Unknown tool "nopea_deploy"/,
      );
    } finally {
      await client.close();
    }
  });
});
