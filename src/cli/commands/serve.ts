/** `nopea serve`: the HTTP API in the foreground until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import { createHttpApp, isLoopbackHost, loadOrCreateApiKey, serveHttp } from "../../http/mod.ts";
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

interface KeyFlags {
  host: string;
  auth: boolean;
  showKey?: boolean | undefined;
}

/** The server's key and the line that says where it comes from (never the key, unless asked). */
interface ServeKey {
  apiKey?: string;
  note: string;
}

/** Checks `--no-auth` and `--host` against NOPEA_API_KEY, before anything is opened. */
function checkKeyFlags(flags: KeyFlags, envKey: string | undefined): void {
  if (!flags.auth && envKey !== undefined) {
    throw new NopeaError("SPEC_INVALID", "Invalid --no-auth: NOPEA_API_KEY is set", {
      hint: "Unset NOPEA_API_KEY to serve without a key, or leave out --no-auth",
    });
  }
  if (!flags.auth && !isLoopbackHost(flags.host)) {
    throw new NopeaError("SPEC_INVALID", `Invalid --no-auth with --host "${flags.host}"`, {
      hint: "--no-auth is only allowed on a loopback address (127.0.0.1, ::1, localhost)",
    });
  }
  if (envKey === undefined && !isLoopbackHost(flags.host)) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Refusing to listen on "${flags.host}" without an API key: anyone reaching it could deploy`,
      {
        hint:
          "Set NOPEA_API_KEY (clients send it in the x-api-key header), or use --host 127.0.0.1",
      },
    );
  }
}

/**
 * NOPEA_API_KEY when set; else nothing with `--no-auth`; else the key file in the memory directory
 * (made on the first start, mode 0600). Only on loopback may the key be anything but NOPEA_API_KEY.
 */
async function serveKey(
  flags: KeyFlags,
  envKey: string | undefined,
  memoryDir: string,
): Promise<ServeKey> {
  if (envKey !== undefined) return { apiKey: envKey, note: "x-api-key required: NOPEA_API_KEY" };
  if (!flags.auth) return { note: "no API key: --no-auth, loopback only" };
  const file = await loadOrCreateApiKey(memoryDir);
  const shown = flags.showKey ? `: ${file.key}` : "";
  return {
    apiKey: file.key,
    note: `x-api-key required; the key${shown} is in ${file.path} ` +
      `(${file.created ? "made now, " : ""}readable only by you)`,
  };
}

/** Registers `nopea serve`. */
export function registerServe(program: Command, ctx: CommandContext): void {
  const cmd = program.command("serve")
    .description(
      "serve the HTTP API (deploy, diff, context, history, ...) until Ctrl-C; clients send a key " +
        "in x-api-key: NOPEA_API_KEY, else the one in <memory-dir>/api-key (made on first start)",
    )
    .option("-p, --port <port>", "port to listen on (0 = random)", "8080")
    .option(
      "--host <host>",
      "address to listen on; beyond loopback needs NOPEA_API_KEY",
      "127.0.0.1",
    )
    .option("--body-limit <size>", "largest request body accepted (e.g. 10MiB, 512KiB)", "10MiB")
    .option("--show-key", "also print the key of the key file, not only where it is")
    .option("--no-auth", "serve without an API key: loopback only, any local process can deploy");
  withCanaryThreshold(withConnection(cmd)).action(async (flags) => {
    const port = parsePort(flags.port);
    const limit = parseByteSize(flags.bodyLimit, "--body-limit");
    const envKey = ctx.io.env["NOPEA_API_KEY"] || undefined;
    checkKeyFlags(flags, envKey);
    const { engine, flush, memoryDir } = openCliEngine(ctx, flags, { readStdin: undefined });
    try {
      const key = await serveKey(flags, envKey, memoryDir);
      const app = createHttpApp(engine, {
        ...(key.apiKey ? { apiKey: key.apiKey } : {}),
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
