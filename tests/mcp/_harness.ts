/** Test helpers: an in-process MCP client connected to serveMcp over the SDK's InMemoryTransport. */
// @ts-types="@modelcontextprotocol/sdk/client/index"
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
// @ts-types="@modelcontextprotocol/sdk/inMemory"
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  type CallToolResult,
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { createEngine, type Engine } from "../../src/engine/mod.ts";
import { type McpSession, serveMcp, type ToolSelection } from "../../src/mcp/mod.ts";
import { type TestDeps, testDeps } from "../../src/testing/mod.ts";

/** A connected client, the server session and the engine's test dependencies. */
export interface McpHarness extends AsyncDisposable {
  client: Client;
  session: McpSession;
  deps: TestDeps;
  engine: Engine;
  /** Elicitation requests the client received. */
  elicitations: ElicitRequest["params"][];
  /** Calls a tool and returns its result (the client has validated structuredContent). */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
}

/** Options of {@linkcode mcpHarness}. */
export interface McpHarnessOptions extends ToolSelection {
  /** Declares elicitation and answers every request with this. */
  elicit?: (request: ElicitRequest["params"]) => ElicitResult;
  cwd?: string;
  deps?: TestDeps;
}

/** Starts testDeps, an engine, serveMcp and a client that has listed the tools. */
export async function mcpHarness(options: McpHarnessOptions = {}): Promise<McpHarness> {
  const deps = options.deps ?? await testDeps();
  const engine = createEngine(deps);
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const { elicit, cwd, deps: _deps, ...selection } = options;
  const session = await serveMcp(engine, serverSide, {
    ...selection,
    cwd: cwd ?? Deno.cwd(),
    version: "0.0.0-test",
  });
  const client = new Client(
    { name: "nopea-test", version: "1" },
    elicit ? { capabilities: { elicitation: {} } } : {},
  );
  const elicitations: ElicitRequest["params"][] = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      elicitations.push(request.params);
      return elicit(request.params);
    });
  }
  await client.connect(clientSide);
  await client.listTools();
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    await client.callTool({ name, arguments: args }) as CallToolResult;
  const close = async () => {
    await client.close();
    await session.close();
    await deps.close();
  };
  return { client, session, deps, engine, elicitations, call, [Symbol.asyncDispose]: close };
}

/** The text of a result's last text block. */
export function lastText(result: CallToolResult): string {
  const texts = result.content.filter((c) => c.type === "text").map((c) => c.text);
  return texts[texts.length - 1] ?? "";
}

/** The `{code, message, hint}` body of an error result. */
export function errorBody(
  result: CallToolResult,
): { code: string; message: string; hint?: string } {
  return JSON.parse(lastText(result));
}

/** A ConfigMap as YAML. */
export function configMapYaml(name: string, value = "1"): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "${value}"\n`;
}
