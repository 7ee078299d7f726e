/**
 * @module
 * The MCP server (stdio here; `http/` serves the same server over Streamable HTTP at `/mcp`):
 * the `surface/` operation catalogue served as MCP tools, resources and
 * prompts with `@modelcontextprotocol/sdk`, with human confirmation of destructive tools and
 * Secret values masked in every output. It holds no operation logic of its own and never
 * writes anything but protocol messages to its output stream.
 */
export { type McpSession, serveMcp, type ServeMcpOptions } from "./serve_mcp.ts";
export { type McpStreams, StreamTransport } from "./stream_transport.ts";
export { selectOperations, toolName, type ToolSelection } from "./tool_selection.ts";
