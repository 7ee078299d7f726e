/** `nopea ui`: the web view (and the HTTP API) on a free loopback port, until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import { createHttpApp, serveHttp } from "../../http/mod.ts";
import { lineLogger, NopeaError } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { openCliEngine } from "../open_cli_engine.ts";
import { VERSION } from "../version.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";
import { checkKeyFlags, serveKeys } from "./_serve_keys.ts";

/** Where the browser logs in, and with what. */
function loginNote(key: { apiKey?: string }, note: string): string {
  return key.apiKey === undefined
    ? "No key: any process on this machine can use it.\n"
    : `The page asks once for the key (${note}).\n`;
}

function portOf(value: string): number {
  const port = Number(value);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  throw new NopeaError("SPEC_INVALID", `Invalid --port "${value}": expected 0-65535`, {
    hint: "Pass a free port, or leave --port out for any free one",
  });
}

/** Registers `nopea ui`. */
export function registerUi(program: Command, ctx: CommandContext): void {
  const cmd = program.command("ui")
    .description(
      "open the web view of memory (services, deploys, failure patterns, DORA, the graph) on a " +
        "free loopback port and print its URL; it is `nopea serve`'s page at /",
    )
    .option("-p, --port <port>", "port to listen on (0 = a free one)", "0")
    .option("--show-key", "also print the key of the key file, not only where it is")
    .option("--no-auth", "serve without an API key (loopback only; any local process can deploy)");
  withCanaryThreshold(withConnection(cmd)).action(async (flags) => {
    const host = "127.0.0.1";
    const port = portOf(flags.port);
    const envKeys = {
      deploy: ctx.io.env["NOPEA_API_KEY"] || undefined,
      read: ctx.io.env["NOPEA_READ_API_KEY"] || undefined,
    };
    checkKeyFlags({ host, auth: flags.auth, showKey: flags.showKey }, envKeys);
    const { engine, flush, memoryDir } = openCliEngine(ctx, flags, { readStdin: undefined });
    try {
      const key = await serveKeys(
        { host, auth: flags.auth, showKey: flags.showKey },
        envKeys,
        memoryDir,
      );
      const app = createHttpApp(engine, {
        ...(key.apiKey ? { apiKey: key.apiKey } : {}),
        ...(key.readApiKey ? { readApiKey: key.readApiKey } : {}),
        version: VERSION,
        cwd: ctx.io.cwd,
        log: lineLogger((line) => ctx.io.stderr(line + "\n"), { min: "warn" }),
      });
      const stop = new AbortController();
      const server = serveHttp(app, {
        hostname: host,
        port,
        signal: stop.signal,
        noAuth: !flags.auth,
      });
      ctx.io.stdout(
        `Nopea web view: ${server.url.replace(/\/?$/, "/")}\n${loginNote(key, key.note)}` +
          "Press Ctrl-C to stop.\n",
      );
      await (ctx.io.interrupted?.() ?? new Promise<void>(() => {}));
      stop.abort();
      await server.finished;
    } finally {
      await flush();
    }
  });
}
