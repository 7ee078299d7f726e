/** `nopea serve`: the HTTP API in the foreground until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import { createHttpApp, type HttpApp, serveHttp } from "../../http/mod.ts";
import { lineLogger } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { openCliEngine } from "../open_cli_engine.ts";
import { VERSION } from "../version.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";
import { checkKeyFlags, serveKeys } from "./_serve_keys.ts";
import { parseByteSize, parsePort, readTls } from "./_serve_options.ts";
import { type ServedWatch, serveWatch, serveWatchSettings } from "./_serve_watch.ts";
import { withSourceOptions } from "./_watch_flags.ts";

/** Registers `nopea serve`. */
export function registerServe(program: Command, ctx: CommandContext): void {
  const base = program.command("serve")
    .description(
      "serve the HTTP API and remote MCP (/mcp) until Ctrl-C; clients send a key as " +
        "Authorization: Bearer <key> or x-api-key: NOPEA_API_KEY (NOPEA_READ_API_KEY reads " +
        "only), else the ones in <memory-dir>/api-key and read-api-key (made on first start)",
    );
  const cmd = withSourceOptions(base as Command)
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
    .option("--tls-key <file>", "the PEM private key of --tls-cert")
    .option("--watch", "also run the GitOps loop of nopea watch (--repo/--service or --crds)");
  withCanaryThreshold(withConnection(cmd)).action(async (flags) => {
    const port = parsePort(flags.port);
    const limit = parseByteSize(flags.bodyLimit, "--body-limit");
    const envKeys = {
      deploy: ctx.io.env["NOPEA_API_KEY"] || undefined,
      read: ctx.io.env["NOPEA_READ_API_KEY"] || undefined,
    };
    checkKeyFlags(flags, envKeys);
    const tls = await readTls(flags, ctx);
    const watchSettings = serveWatchSettings(flags, ctx);
    const opened = openCliEngine(ctx, flags, { readStdin: undefined });
    let watch: ServedWatch | undefined;
    try {
      const key = await serveKeys(flags, envKeys, opened.memoryDir);
      watch = watchSettings &&
        await serveWatch(ctx, watchSettings, opened, flags.verbose ?? false);
      const app = createHttpApp(opened.engine, {
        ...(key.apiKey ? { apiKey: key.apiKey } : {}),
        ...(key.readApiKey ? { readApiKey: key.readApiKey } : {}),
        version: VERSION,
        bodyLimit: limit,
        cwd: ctx.io.cwd,
        log: lineLogger((line) => ctx.io.stderr(line + "\n"), { min: "warn" }),
        ...(watch ? { watch: watch.hosted } : {}),
      });
      await serveUntilStopped(ctx, app, { ...flags, port, tls, note: key.note }, watch);
    } finally {
      await watch?.stop();
      await opened.flush();
    }
  });
}

/** Listens, starts the hosted loop, and on Ctrl-C or SIGTERM stops the loop, then the server. */
async function serveUntilStopped(
  ctx: CommandContext,
  app: HttpApp,
  options: ListenFlags,
  watch: ServedWatch | undefined,
): Promise<void> {
  const stop = new AbortController();
  const server = serveHttp(app, {
    hostname: options.host,
    port: options.port,
    signal: stop.signal,
    noAuth: !options.auth,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  });
  if (!options.auth) {
    ctx.io.stderr(
      `Warning: --no-auth: serving without an API key; any process on this machine can ` +
        `deploy through ${server.url}\n`,
    );
  }
  ctx.io.stdout(
    `Nopea HTTP API listening on ${server.url} (${options.note})\n` +
      (watch ? `${watch.summary}\n` : "") + "Press Ctrl-C to stop.\n",
  );
  watch?.start();
  await (ctx.io.interrupted?.() ?? new Promise<void>(() => {}));
  await watch?.stop();
  stop.abort();
  await server.finished;
  ctx.io.stdout("HTTP API stopped\n");
}

/** Where and how the server listens. */
interface ListenFlags {
  host: string;
  port: number;
  auth: boolean;
  tls: { cert: string; key: string } | undefined;
  note: string;
}
