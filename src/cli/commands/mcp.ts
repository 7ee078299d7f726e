/** `nopea mcp`: the operation catalogue as an MCP server on stdin/stdout. */
import type { Command } from "@commander-js/extra-typings";
import { selectOperations, serveMcp, type ToolSelection } from "../../mcp/mod.ts";
import type { CommandContext } from "../commands.ts";
import { type ConnectionFlags, openCliEngine } from "../open_cli_engine.ts";
import type { CliIo } from "../io.ts";
import { VERSION } from "../version.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";

interface McpFlags extends ConnectionFlags {
  readOnly?: boolean;
  tools?: string;
  denyTools?: string;
}

function names(list: string | undefined): string[] | undefined {
  return list === undefined ? undefined : list.split(",").map((n) => n.trim()).filter(Boolean);
}

/** Sends console.log/info/debug to stderr while serving: stdout carries protocol messages only. */
function guardStdout(io: CliIo): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  const toStderr = (...args: unknown[]) => io.stderr(args.map(String).join(" ") + "\n");
  Object.assign(console, { log: toStderr, info: toStderr, debug: toStderr });
  return () => Object.assign(console, saved);
}

function stdoutStream(io: CliIo): WritableStream<Uint8Array> {
  const decoder = new TextDecoder();
  return new WritableStream({ write: (chunk) => io.stdout(decoder.decode(chunk)) });
}

async function serveStdio(ctx: CommandContext, flags: McpFlags): Promise<void> {
  const selection: ToolSelection = {
    readOnly: flags.readOnly ?? false,
    ...(flags.tools === undefined ? {} : { tools: names(flags.tools) ?? [] }),
    ...(flags.denyTools === undefined ? {} : { denyTools: names(flags.denyTools) ?? [] }),
  };
  // Unknown or contradicting tool names, or no tool left, exit 2 before anything is opened.
  selectOperations(selection);
  // stdin carries the protocol: no manifest is ever read from it.
  const { engine, flush } = openCliEngine(ctx, flags, { readStdin: undefined });
  const restore = guardStdout(ctx.io);
  try {
    const session = await serveMcp(
      engine,
      { readable: Deno.stdin.readable, writable: stdoutStream(ctx.io) },
      {
        ...selection,
        cwd: ctx.io.cwd,
        version: VERSION,
        onError: (e) => ctx.io.stderr(`nopea mcp: ${e.message}\n`),
      },
    );
    if (flags.verbose) ctx.io.stderr(`nopea mcp: serving ${session.tools.join(", ")}\n`);
    await session.closed;
  } finally {
    restore();
    await flush();
  }
}

/** Registers `nopea mcp`. */
export function registerMcp(program: Command, ctx: CommandContext): void {
  const cmd = program.command("mcp")
    .description(
      "serve Nopea to an AI assistant over MCP on stdin/stdout; exits when stdin closes",
    )
    .option("--read-only", "serve only read-only tools (no deploy, rollback or promote)")
    .option("--tools <names>", "serve only these tools, comma-separated (nopea_context,diff)")
    .option("--deny-tools <names>", "never serve these tools, comma-separated");
  withCanaryThreshold(withConnection(cmd)).action((flags) => serveStdio(ctx, flags));
}
