/**
 * Remote MCP at `/mcp`: the stdio server's tools, resources and prompts over Streamable HTTP
 * (stateless, JSON answers), behind the same checks as every route; a read-only key gets the
 * read-only tools.
 */
// @ts-types="@modelcontextprotocol/sdk/server/webStandardStreamableHttp"
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Context } from "hono";
import type { Engine } from "../engine/mod.ts";
import { serveMcp } from "../mcp/mod.ts";
import type { ErrorBody } from "../shared/mod.ts";
import { scopeOf } from "./_auth.ts";
import { isJson, parseJsonBody } from "./_body.ts";
import { excerpt } from "./_excerpt.ts";
import { problemResponse } from "./problem.ts";

/** What `/mcp` needs. */
export interface McpRouteDeps {
  engine: Engine;
  cwd: string;
  version: string;
}

function refusal(message: string, hint: string): ErrorBody {
  return { code: "SPEC_INVALID", message, hint };
}

const NOT_ACCEPTABLE = refusal(
  "Not acceptable: an MCP client must accept application/json and text/event-stream",
  "Send Accept: application/json, text/event-stream (MCP clients do)",
);

function notJson(type: string | undefined): ErrorBody {
  const given = type === undefined ? "no content-type" : `content-type ${excerpt(type)}`;
  return refusal(
    `Unsupported media type: an MCP message must be JSON, got ${given}`,
    "Send the header content-type: application/json",
  );
}

/** A JSON-RPC error answer of the transport, as a problem document of the same status. */
async function asProblem(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const text = await response.text();
  let message = `The MCP request was refused (${response.status})`;
  try {
    const error = (JSON.parse(text) as { error?: { message?: unknown } }).error;
    if (typeof error?.message === "string") message = `MCP: ${error.message}`;
  } catch {
    // not JSON: keep the generic message
  }
  return problemResponse(
    response.status,
    refusal(message, "Speak MCP over Streamable HTTP (e.g. the MCP SDK's HTTP client)"),
  );
}

/** Answers one POST to `/mcp` with a fresh server for the request's scope. */
export async function answerMcp(c: Context, deps: McpRouteDeps): Promise<Response> {
  const accept = c.req.header("accept") ?? "";
  if (!accept.includes("application/json") || !accept.includes("text/event-stream")) {
    return problemResponse(406, NOT_ACCEPTABLE);
  }
  const type = c.req.header("content-type");
  if (!isJson(type)) return problemResponse(415, notJson(type));
  const text = await c.req.text();
  const parsedBody = parseJsonBody(text, "POST /mcp");
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  const session = await serveMcp(deps.engine, transport, {
    cwd: deps.cwd,
    version: deps.version,
    readOnly: scopeOf(c) === "read",
  });
  try {
    return await asProblem(await transport.handleRequest(c.req.raw, { parsedBody }));
  } finally {
    await session.close();
  }
}
