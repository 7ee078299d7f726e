/** promote and rollback check the deploy id or service they are given before the engine sees it. */
import { equal, match, ok } from "node:assert/strict";
// @ts-types="@modelcontextprotocol/sdk/client/index"
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { errorBody, mcpHarness } from "./_harness.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

const CASES = [
  {
    name: "promote with a NUL target",
    tool: "nopea_promote",
    args: { target: "\u0000" },
    message:
      /^Invalid input for promote: target: must be a deploy id .* or a service name .*; got "\\u0000"$/,
  },
  {
    name: "promote with a 5,000-character target",
    tool: "nopea_promote",
    args: { target: "a".repeat(5000) },
    message: /target: .*; got "a{32}…" \(5000 characters\)$/,
  },
  {
    name: "promote with an upper-case name that is no ULID either",
    tool: "nopea_promote",
    args: { target: "Web" },
    message: /target: must be a deploy id \(a 26-character ULID\) or a service name/,
  },
  {
    name: "rollback to something that is not a deploy id",
    tool: "nopea_rollback",
    args: { service: "web", to: "../../etc/passwd" },
    message: /to: must be a deploy id \(a 26-character ULID.*; got "\.\.\/\.\.\/etc\/passwd"$/,
  },
];

function checkRefusal(result: CallToolResult, message: RegExp): void {
  equal(result.isError, true);
  const body = errorBody(result);
  equal(body.code, "SPEC_INVALID");
  match(body.message, message);
  ok(body.message.length < 400, `a short message, not ${body.message.length} characters`);
  ok(body.hint);
}

Deno.test("nopea_promote and nopea_rollback refuse targets that are no deploy id or service", async (t) => {
  await using h = await mcpHarness();
  for (const c of CASES) {
    await t.step(c.name, async () => {
      checkRefusal(await h.call(c.tool, { ...c.args, confirm: true }), c.message);
    });
  }
  await t.step("a well-formed target reaches the engine (nothing to promote: 404)", async () => {
    const result = await h.call("nopea_promote", { target: "web", confirm: true });
    equal(errorBody(result).code, "DEPLOY_NOT_FOUND");
  });
});

Deno.test("nopea mcp as a subprocess refuses a NUL promote target", async () => {
  const dir = await Deno.makeTempDir({ prefix: "nopea-mcp-promote-" });
  const denoDir = Deno.env.get("DENO_DIR");
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", "-q", "-A", "--config", CONFIG, CLI, "mcp", "--memory-dir", `${dir}/.nopea`],
    cwd: dir,
    env: { NO_COLOR: "1", ...(denoDir ? { DENO_DIR: denoDir } : {}) },
    stderr: "pipe",
  });
  transport.stderr?.on("data", () => {}); // drained, so the child never blocks on a full pipe
  const client = new Client({ name: "promote-target-test", version: "1" });
  try {
    await client.connect(transport);
    const [first] = CASES;
    const result = await client.callTool({
      name: "nopea_promote",
      arguments: { ...first?.args, confirm: true },
    }) as CallToolResult;
    checkRefusal(result, first?.message ?? /./);
  } finally {
    await client.close();
    await Deno.remove(dir, { recursive: true });
  }
});
