/** One MCP tool per catalogue operation: schemas, annotations, and the call handler. */
// @ts-types="@modelcontextprotocol/sdk/server/mcp"
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
// @ts-types="@modelcontextprotocol/sdk/shared/protocol"
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  type CallToolRequest,
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  McpError,
  type ServerNotification,
  type ServerRequest,
} from "@modelcontextprotocol/sdk/types.js";
import { z, type ZodRawShape } from "zod";
import type { Engine } from "../engine/mod.ts";
import { type AnyOperation, parseInput, type RunContext } from "../surface/mod.ts";
import { confirmAndRun, CONFIRMATIONS } from "./_confirm.ts";
import { progressMessage } from "./_progress.ts";
import { toToolResult } from "./_results.ts";
import { toolName } from "./tool_selection.ts";

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;
type Handler = (args: unknown, extra: Extra) => Promise<CallToolResult>;
type Input = Record<string, unknown>;

/** What the tools run against. */
export interface ToolDeps {
  engine: Engine;
  /** Directory that relative manifest paths are read from. */
  cwd: string;
}

const CONFIRM_NOTE = " Destructive: the human confirms first. When the client supports " +
  "elicitation Nopea asks the human itself; otherwise the call changes nothing and returns the " +
  'plan (confirmation: "required") until it is repeated with confirm: true after the human ' +
  "approved that plan. Never set confirm: true on your own.";

const confirmField = z.boolean().optional().describe(
  "The human approved this plan (only used when the client cannot ask the human itself)",
);

/** The tool's input schema: the operation's, plus `confirm` for destructive tools (MCP only). */
function inputShape(op: AnyOperation): ZodRawShape {
  if (!op.hints.destructive) return op.input;
  return { ...op.input, confirm: confirmField };
}

/** Checks a call's arguments; `confirm` is the transport's, so it is taken out of the input. */
function toolArguments(op: AnyOperation, args: unknown): { input: Input; confirmed: boolean } {
  const raw = { ...(args ?? {}) } as Input;
  if (!op.hints.destructive) {
    delete raw["confirm"];
    return { input: parseInput(op, raw), confirmed: false };
  }
  const { confirm, ...input } = parseInput({ ...op, input: inputShape(op) }, raw) as Input;
  return { input, confirmed: confirm === true };
}

/** Destructive tools answer with the output or, when they did nothing, with the plan. */
function outputSchema(op: AnyOperation): z.ZodTypeAny {
  if (!op.hints.destructive) return z.object(op.output).passthrough();
  return z.object(op.output).partial().extend({
    confirmation: z.enum(CONFIRMATIONS).describe(
      "elicited|argument|not_needed: it ran; required|declined|cancelled: nothing changed",
    ),
    plan: z.record(z.unknown()).optional().describe("What it would do, when nothing changed"),
  }).passthrough();
}

/** Progress messages become notifications/progress when the request carried a progressToken. */
function progressOf(extra: Extra): Pick<RunContext, "onProgress"> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return {};
  let progress = 0;
  return {
    onProgress: (event) => {
      const message = progressMessage(event);
      progress += 1;
      extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken, progress, message },
      }).catch(() => {});
    },
  };
}

async function callTool(
  mcp: McpServer,
  op: AnyOperation,
  deps: ToolDeps,
  args: unknown,
  extra: Extra,
): Promise<CallToolResult> {
  try {
    const { input, confirmed } = toolArguments(op, args);
    const ctx: RunContext = { cwd: deps.cwd, signal: extra.signal, ...progressOf(extra) };
    if (op.hints.destructive) {
      const confirmDeps = { server: mcp.server, ...deps, ctx };
      return toToolResult(await confirmAndRun(op, input, confirmed, confirmDeps));
    }
    return toToolResult({ kind: "output", output: await op.run(deps.engine, input, ctx) });
  } catch (error) {
    return toToolResult({ kind: "error", error });
  }
}

/**
 * Registers a tool per operation. McpServer checks arguments itself and reports bad ones as
 * plain text; tools/call is then re-installed so that invalid input, like every other fault,
 * comes back as `isError: true` with `{code, message, hint}` (STYLE R8).
 */
export function registerTools(mcp: McpServer, ops: readonly AnyOperation[], deps: ToolDeps): void {
  const handlers = new Map<string, Handler>();
  for (const op of ops) {
    const handler: Handler = (args, extra) => callTool(mcp, op, deps, args, extra);
    handlers.set(toolName(op), handler);
    mcp.registerTool(toolName(op), {
      title: op.title,
      description: op.description + (op.hints.destructive ? CONFIRM_NOTE : ""),
      inputSchema: z.object(inputShape(op)).strict(),
      outputSchema: outputSchema(op),
      annotations: {
        title: op.title,
        readOnlyHint: op.hints.readOnly,
        destructiveHint: op.hints.destructive,
        idempotentHint: op.hints.idempotent,
        openWorldHint: op.hints.openWorld,
      },
    }, handler);
  }
  if (handlers.size === 0) return;
  mcp.server.setRequestHandler(CallToolRequestSchema, (request: CallToolRequest, extra: Extra) => {
    const handler = handlers.get(request.params.name);
    if (handler === undefined) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${request.params.name}"`);
    }
    return handler(request.params.arguments, extra);
  });
}
