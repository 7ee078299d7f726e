/** Deploy progress reaches MCP clients and the CLI's view from the catalogue's one progress hook. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
// @ts-types="@modelcontextprotocol/sdk/client/index"
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  type CallToolResult,
  CallToolResultSchema,
  type Progress,
} from "@modelcontextprotocol/sdk/types.js";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { configMapYaml, mcpHarness } from "./_harness.ts";

/** Calls nopea_deploy with a progress token; the messages of its progress notifications. */
async function deployWithProgress(
  client: Client,
  args: Record<string, unknown>,
): Promise<{ result: CallToolResult; messages: string[] }> {
  const messages: string[] = [];
  const onprogress = (p: Progress) => {
    messages.push(p.message ?? "");
  };
  const result = await client.callTool(
    { name: "nopea_deploy", arguments: args },
    CallToolResultSchema,
    { onprogress },
  ) as CallToolResult;
  return { result, messages };
}

Deno.test("nopea_deploy reports progress to a client that asks for it, as the CLI shows it", async () => {
  await using h = await mcpHarness();
  const args = { service: "web", namespace: "default", manifests: configMapYaml("web-config") };
  const plan = await deployWithProgress(h.client, args);
  equal(plan.result.structuredContent?.["confirmation"], "required", "a plan, nothing deployed");
  deepEqual(plan.messages, [], "planning sends no progress");
  const { result, messages } = await deployWithProgress(h.client, { ...args, confirm: true });
  equal(result.structuredContent?.["status"], "completed");
  equal(messages[0], "planned 1 objects, strategy direct");
  equal(messages[1], "ConfigMap/default/web-config created");
  ok(messages.slice(2, -1).every((m) => m === "waiting: 1/1 ready"), messages.join("\n"));
  equal(messages.at(-1), "verified: 0 drifted fields");
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/cm.yaml`, configMapYaml("web-config", "2"));
    const io = bufferedIo({ cwd: dir });
    const args = ["deploy", "-f", "cm.yaml", "-s", "web", "-n", "default"];
    equal(await runCli(args, io, { engine: h.engine }), 0, io.err());
    // The CLI's progress view (timestamped lines off a terminal) follows the same events.
    match(io.out(), /^\d\d:\d\d:\d\d plan: 1 objects, strategy direct/m);
    match(io.out(), /^\d\d:\d\d:\d\d ConfigMap\/default\/web-config configured$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
