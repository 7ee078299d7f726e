/** `nopea serve`: the HTTP API in the foreground until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import { createHttpApp, serveHttp } from "../../http/mod.ts";
import { lineLogger, NopeaError } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { openCliEngine } from "../open_cli_engine.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** Parses a byte size such as `10MiB`, `512kb` or `1048576`. */
function parseByteSize(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = UNITS[(match?.[2] ?? "").toLowerCase()];
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!(bytes > 0)) {
    throw new NopeaError("SPEC_INVALID", `Invalid ${flag} "${value}": expected a size in bytes`, {
      hint: "Pass a positive size such as 10MiB, 512KiB or 1048576",
    });
  }
  return bytes;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new NopeaError("SPEC_INVALID", `Invalid --port "${value}": expected 0-65535`, {
      hint: "Pass a free port, or 0 for a random one",
    });
  }
  return port;
}

/** Registers `nopea serve`. */
export function registerServe(program: Command, ctx: CommandContext): void {
  const cmd = program.command("serve")
    .description(
      "serve the HTTP API (deploy, diff, context, history, ...) until Ctrl-C; " +
        "set NOPEA_API_KEY to require an x-api-key header",
    )
    .option("-p, --port <port>", "port to listen on (0 = random)", "8080")
    .option(
      "--host <host>",
      "address to listen on; beyond loopback needs NOPEA_API_KEY",
      "127.0.0.1",
    )
    .option("--body-limit <size>", "largest request body accepted (e.g. 10MiB, 512KiB)", "10MiB");
  withCanaryThreshold(withConnection(cmd)).action(async (flags) => {
    const port = parsePort(flags.port);
    const limit = parseByteSize(flags.bodyLimit, "--body-limit");
    const apiKey = ctx.io.env["NOPEA_API_KEY"] || undefined;
    const { engine, flush } = openCliEngine(ctx, flags, { readStdin: undefined });
    const app = createHttpApp(engine, {
      ...(apiKey ? { apiKey } : {}),
      bodyLimit: limit,
      cwd: ctx.io.cwd,
      log: lineLogger((line) => ctx.io.stderr(line + "\n"), { min: "warn" }),
    });
    const stop = new AbortController();
    const server = serveHttp(app, { hostname: flags.host, port, signal: stop.signal });
    ctx.io.stdout(
      `Nopea HTTP API listening on ${server.url} ` +
        `(${apiKey ? "x-api-key required" : "no API key: loopback only"})\n` +
        "Press Ctrl-C to stop.\n",
    );
    await (ctx.io.interrupted?.() ?? new Promise<void>(() => {}));
    stop.abort();
    await server.finished;
    await flush();
    ctx.io.stdout("HTTP API stopped\n");
  });
}
