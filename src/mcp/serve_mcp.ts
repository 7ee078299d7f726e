/** serveMcp: Nopea's operation catalogue as an MCP server (DESIGN §7, STYLE R9). */
// @ts-types="@modelcontextprotocol/sdk/server/mcp"
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
// @ts-types="@modelcontextprotocol/sdk/shared/transport"
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { Engine } from "../engine/mod.ts";
import { registerPrompts } from "./_prompts.ts";
import { registerResources } from "./_resources.ts";
import { selectOperations, toolName, type ToolSelection } from "./tool_selection.ts";
import { registerTools } from "./_tools.ts";
import { type McpStreams, StreamTransport } from "./stream_transport.ts";

/** Options of {@linkcode serveMcp}. */
export interface ServeMcpOptions extends ToolSelection {
  /** Directory that relative manifest paths are read from. */
  cwd: string;
  /** Nopea's version, announced in `serverInfo`. */
  version: string;
  /** Called with transport and protocol faults (the CLI logs them to stderr). */
  onError?: (error: Error) => void;
}

/** A connected MCP server. */
export interface McpSession extends AsyncDisposable {
  /** The SDK server (for notifications or extra handlers). */
  readonly server: McpServer;
  /** The tool names served, in catalogue order. */
  readonly tools: readonly string[];
  /** Resolves when the connection closes (for stdio: when stdin ends). */
  readonly closed: Promise<void>;
  /** Closes the connection (and, for streams, the output stream). */
  close(): Promise<void>;
}

const INSTRUCTIONS = "Nopea deploys Kubernetes manifests and remembers every deploy. Before " +
  "deploying call nopea_context and nopea_diff; nopea_deploy changes the cluster and needs the " +
  "human's confirmation (never confirm on their behalf). In an incident start with " +
  "nopea_status, nopea_history and nopea_explain. Lists paginate: pass nextCursor back as cursor.";

function isTransport(value: Transport | McpStreams): value is Transport {
  return typeof (value as Transport).send === "function";
}

/**
 * Serves the operation catalogue over MCP: a tool per operation (`nopea_<name>`) with input and
 * output schemas and annotations, the `nopea://` resources and the `safe-deploy` and `incident`
 * prompts. Destructive tools act only when the human confirms.
 *
 * @param engine What the tools run.
 * @param transport Byte streams with stdio framing, or any SDK transport.
 * @param options Tool selection, working directory, version.
 * @returns The connected session; `closed` resolves when the peer goes away.
 * @throws {NopeaError} `SPEC_INVALID` when the selection names an unknown tool, asks for a tool
 * it also excludes (`readOnly`, `denyTools`), or leaves no tool
 *
 * @example List the read-only tools over an in-memory transport
 * ```ts
 * import { serveMcp } from "./serve_mcp.ts";
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { Client } from "@modelcontextprotocol/sdk/client";
 * // @ts-types="@modelcontextprotocol/sdk/inMemory"
 * import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
 * await using session = await serveMcp(createEngine(deps), serverSide, {
 *   cwd: ".",
 *   version: "0.0.0",
 *   readOnly: true,
 * });
 * const client = new Client({ name: "example", version: "1" });
 * await client.connect(clientSide);
 * const { tools } = await client.listTools();
 * equal(tools.some((t) => t.name === "nopea_deploy"), false);
 * equal(tools.length, session.tools.length);
 * await client.close();
 * ```
 */
export async function serveMcp(
  engine: Engine,
  transport: Transport | McpStreams,
  options: ServeMcpOptions,
): Promise<McpSession> {
  const ops = selectOperations(options);
  const mcp = new McpServer(
    { name: "nopea", title: "Nopea", version: options.version },
    { instructions: INSTRUCTIONS },
  );
  const deps = { engine, cwd: options.cwd };
  registerTools(mcp, ops, deps);
  registerResources(mcp, deps);
  registerPrompts(mcp, ops.map((op) => op.name));
  const closed = new Promise<void>((resolve) => {
    mcp.server.onclose = resolve;
  });
  if (options.onError) mcp.server.onerror = options.onError;
  await mcp.connect(isTransport(transport) ? transport : new StreamTransport(transport));
  const close = () => mcp.close();
  return {
    server: mcp,
    tools: ops.map(toolName),
    closed,
    close,
    [Symbol.asyncDispose]: close,
  };
}
