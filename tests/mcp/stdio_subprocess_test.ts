/** `nopea mcp` as a real stdio subprocess, driven by the SDK's own client (the "Done when"). */
import { deepEqual, equal, match, ok } from "node:assert/strict";
// @ts-types="@modelcontextprotocol/sdk/client/index"
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { type CliWorld, cliWorld } from "../_cli.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 2
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec: { containers: [{ name: app, image: "nginx:1.27" }] }
`;

function mcpArgs(world: CliWorld, extra: string[] = []): string[] {
  return [
    "run",
    "-q",
    "-A",
    "--config",
    CONFIG,
    CLI,
    "mcp",
    "--kubeconfig",
    world.kubeconfig,
    "--memory-dir",
    `${world.dir}/.nopea`,
    ...extra,
  ];
}

function childEnv(): Record<string, string> {
  const dir = Deno.env.get("DENO_DIR");
  return { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", ...(dir ? { DENO_DIR: dir } : {}) };
}

/** Spawns `nopea mcp` and connects the SDK client; `answer` replies to elicitation when given. */
async function connect(
  world: CliWorld,
  options: { extra?: string[]; answer?: () => ElicitResult } = {},
): Promise<Client & AsyncDisposable> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: mcpArgs(world, options.extra),
    cwd: world.dir,
    env: childEnv(),
    stderr: "pipe",
  });
  transport.stderr?.on("data", () => {}); // drained, so the child never blocks on a full pipe
  const answer = options.answer;
  const client = new Client(
    { name: "subprocess-test", version: "1" },
    answer ? { capabilities: { elicitation: {} } } : {},
  );
  if (answer) client.setRequestHandler(ElicitRequestSchema, () => answer());
  await client.connect(transport);
  await client.listTools();
  return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
}

const key = (kind: string, name: string) => ({
  apiVersion: kind === "Deployment" ? "apps/v1" : "v1",
  kind,
  name,
  namespace: "default",
});

function call(client: Client, name: string, args: Record<string, unknown>) {
  return client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
}

Deno.test("nopea mcp over stdio: tools, a plan, a real deploy, context, resources, errors", async (t) => {
  await using world = await cliWorld({ readyDelayMs: 50 });
  await world.write("app.yaml", APP);
  await using client = await connect(world);
  await t.step("initialize announces nopea with tools, resources and prompts", () => {
    equal(client.getServerVersion()?.name, "nopea");
    const caps = client.getServerCapabilities();
    ok(caps?.tools && caps.resources && caps.prompts);
  });
  await t.step("tools/list gives every tool schemas and annotations", async () => {
    const { tools } = await client.listTools();
    ok(tools.length >= 8);
    for (const tool of tools) {
      equal(tool.inputSchema.type, "object", tool.name);
      equal(tool.outputSchema?.type, "object", tool.name);
      equal(typeof tool.annotations?.readOnlyHint, "boolean", tool.name);
    }
    const deploy = tools.find((tool) => tool.name === "nopea_deploy");
    equal(deploy?.annotations?.destructiveHint, true);
    ok(deploy?.inputSchema.properties?.["manifests"]);
  });
  await t.step("a deploy without confirm returns the plan and changes nothing", async () => {
    const result = await call(client, "nopea_deploy", { service: "shop", manifests: ["app.yaml"] });
    equal(result.isError, undefined);
    equal(result.structuredContent?.["confirmation"], "required");
    equal((result.structuredContent?.["plan"] as { changes: number }).changes, 2);
    equal(await world.sandbox.cluster.get(key("Deployment", "shop")), undefined);
  });
  await t.step("a deploy with confirm: true applies, waits until ready and remembers", async () => {
    const args = { service: "shop", manifests: ["app.yaml"], confirm: true };
    const result = await call(client, "nopea_deploy", args);
    equal(result.structuredContent?.["status"], "completed", JSON.stringify(result));
    equal((result.structuredContent?.["resources"] as unknown[]).length, 2);
    ok(await world.sandbox.cluster.get(key("Deployment", "shop")));
  });
  await t.step("context after the deploy knows the service", async () => {
    const result = await call(client, "nopea_context", { service: "shop" });
    equal(result.structuredContent?.["known"], true);
    equal((result.structuredContent?.["recentDeploys"] as unknown[]).length, 1);
  });
  await t.step("resources/read serves the service and its history", async () => {
    const read = async (uri: string) => {
      const content = (await client.readResource({ uri })).contents[0];
      return JSON.parse(content && "text" in content ? content.text : "null");
    };
    equal((await read("nopea://service/shop")).status.healthy, true);
    equal((await read("nopea://service/shop/history")).deploys[0].status, "completed");
    deepEqual(
      (await read("nopea://services")).services.map((s: { service: string }) => s.service),
      [
        "shop",
      ],
    );
  });
  await t.step("an invalid input is an isError result with code, message and hint", async () => {
    const result = await call(client, "nopea_history", { service: "Shop!", limit: 0 });
    equal(result.isError, true);
    const body = JSON.parse(result.content[0]?.type === "text" ? result.content[0].text : "{}");
    equal(body.code, "SPEC_INVALID");
    match(body.message, /service: .*limit: /);
    ok(body.hint);
  });
});

Deno.test("nopea mcp over stdio asks the human through elicitation", async (t) => {
  await using world = await cliWorld({ readyDelayMs: 50 });
  await world.write("app.yaml", APP);
  let answer: ElicitResult = { action: "accept", content: { confirm: true } };
  await using client = await connect(world, { answer: () => answer });
  await t.step("a deploy the human confirms is applied", async () => {
    const result = await call(client, "nopea_deploy", { service: "shop", manifests: ["app.yaml"] });
    equal(result.structuredContent?.["confirmation"], "elicited");
    equal(result.structuredContent?.["status"], "completed", JSON.stringify(result));
    ok(await world.sandbox.cluster.get(key("ConfigMap", "shop-config")));
  });
  await t.step("a deploy the human declines is not, whatever confirm says", async () => {
    answer = { action: "decline" };
    const manifests = [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cart" } }];
    const result = await call(client, "nopea_deploy", {
      service: "cart",
      manifests,
      confirm: true,
    });
    equal(result.isError, undefined);
    equal(result.structuredContent?.["confirmation"], "declined");
    equal(await world.sandbox.cluster.get(key("ConfigMap", "cart")), undefined);
  });
});

Deno.test("nopea mcp --read-only serves no destructive tool", async () => {
  await using world = await cliWorld({ readyDelayMs: 50 });
  await using client = await connect(world, { extra: ["--read-only"] });
  const { tools } = await client.listTools();
  ok(tools.some((tool) => tool.name === "nopea_context"));
  equal(tools.some((tool) => tool.annotations?.readOnlyHint !== true), false);
  equal(tools.some((tool) => tool.name === "nopea_deploy"), false);
});

Deno.test("nopea mcp exits 0 when stdin closes, having written only protocol lines", async () => {
  await using world = await cliWorld({ readyDelayMs: 50 });
  const child = new Deno.Command(Deno.execPath(), {
    args: mcpArgs(world),
    cwd: world.dir,
    env: childEnv(),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "t", version: "1" },
    },
  };
  await writer.write(new TextEncoder().encode(JSON.stringify(initialize) + "\n"));
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  await writer.close();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out += r.value;
  const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
  equal(status.code, 0, stderr);
  const lines = out.trimEnd().split("\n");
  equal(lines.length, 1);
  const reply = JSON.parse(lines[0] ?? "");
  equal(reply.id, 1);
  equal(reply.result.serverInfo.name, "nopea");
});
