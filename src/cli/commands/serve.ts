/** `nopea serve`: the HTTP API in the foreground until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { createHttpApp, serveHttp } from "../../http/mod.ts";
import { lineLogger, NopeaError } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { openCliEngine } from "../open_cli_engine.ts";
import { VERSION } from "../version.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";
import { checkKeyFlags, serveKeys } from "./_serve_keys.ts";

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

/** The certificate and key of `--tls-cert` and `--tls-key`, or undefined without both. */
async function readTls(
  flags: { tlsCert?: string | undefined; tlsKey?: string | undefined },
  ctx: CommandContext,
): Promise<{ cert: string; key: string } | undefined> {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return undefined;
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    const missing = flags.tlsCert === undefined ? "--tls-cert" : "--tls-key";
    throw new NopeaError("SPEC_INVALID", `Invalid TLS settings: ${missing} is missing`, {
      hint: "Pass both --tls-cert <PEM file> and --tls-key <PEM file>, or neither",
    });
  }
  const read = async (path: string, flag: string) => {
    try {
      return await Deno.readTextFile(resolve(ctx.io.cwd, path));
    } catch (error) {
      throw new NopeaError("SPEC_INVALID", `Cannot read ${flag} "${path}"`, {
        hint: "Pass the path of a readable PEM file",
        cause: error,
      });
    }
  };
  return {
    cert: await read(flags.tlsCert, "--tls-cert"),
    key: await read(flags.tlsKey, "--tls-key"),
  };
}

/** Registers `nopea serve`. */
export function registerServe(program: Command, ctx: CommandContext): void {
  const cmd = program.command("serve")
    .description(
      "serve the HTTP API and remote MCP (/mcp) until Ctrl-C; clients send a key as " +
        "Authorization: Bearer <key> or x-api-key: NOPEA_API_KEY (NOPEA_READ_API_KEY reads " +
        "only), else the ones in <memory-dir>/api-key and read-api-key (made on first start)",
    )
    .option("-p, --port <port>", "port to listen on (0 = random)", "8080")
    .option(
      "--host <host>",
      "address to listen on; beyond loopback needs NOPEA_API_KEY",
      "127.0.0.1",
    )
    .option("--body-limit <size>", "largest request body accepted (e.g. 10MiB, 512KiB)", "10MiB")
    .option("--show-key", "also print the key of the key file, not only where it is")
    .option("--no-auth", "serve without an API key: loopback only, any local process can deploy")
    .option("--tls-cert <file>", "serve HTTPS with this PEM certificate (with --tls-key)")
    .option("--tls-key <file>", "the PEM private key of --tls-cert");
  withCanaryThreshold(withConnection(cmd)).action(async (flags) => {
    const port = parsePort(flags.port);
    const limit = parseByteSize(flags.bodyLimit, "--body-limit");
    const envKeys = {
      deploy: ctx.io.env["NOPEA_API_KEY"] || undefined,
      read: ctx.io.env["NOPEA_READ_API_KEY"] || undefined,
    };
    checkKeyFlags(flags, envKeys);
    const tls = await readTls(flags, ctx);
    const { engine, flush, memoryDir } = openCliEngine(ctx, flags, { readStdin: undefined });
    try {
      const key = await serveKeys(flags, envKeys, memoryDir);
      const app = createHttpApp(engine, {
        ...(key.apiKey ? { apiKey: key.apiKey } : {}),
        ...(key.readApiKey ? { readApiKey: key.readApiKey } : {}),
        version: VERSION,
        bodyLimit: limit,
        cwd: ctx.io.cwd,
        log: lineLogger((line) => ctx.io.stderr(line + "\n"), { min: "warn" }),
      });
      const stop = new AbortController();
      const server = serveHttp(app, {
        hostname: flags.host,
        port,
        signal: stop.signal,
        noAuth: !flags.auth,
        ...(tls === undefined ? {} : { tls }),
      });
      if (!flags.auth) {
        ctx.io.stderr(
          `Warning: --no-auth: serving without an API key; any process on this machine can ` +
            `deploy through ${server.url}\n`,
        );
      }
      ctx.io.stdout(
        `Nopea HTTP API listening on ${server.url} (${key.note})\nPress Ctrl-C to stop.\n`,
      );
      await (ctx.io.interrupted?.() ?? new Promise<void>(() => {}));
      stop.abort();
      await server.finished;
      ctx.io.stdout("HTTP API stopped\n");
    } finally {
      await flush();
    }
  });
}
