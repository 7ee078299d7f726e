/** `nopea watch`: keep services in sync with git (poll, push webhooks, drift healing). */
import type { Command } from "@commander-js/extra-typings";
import { createWatchApp, sourceStatusLine } from "../../gitops/mod.ts";
import { lineLogger, type Logger } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { flagSource, notifyUrlOf, parsePort, watchCommand } from "./_watch_flags.ts";
import { openWatchLoop, type WatchLoop } from "./_watch_loop.ts";
import { EXIT } from "../exit_code.ts";
import { openCliEngine } from "../open_cli_engine.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";

/** Registers `nopea watch`. */
export function registerWatch(program: Command, ctx: CommandContext): void {
  withCanaryThreshold(withConnection(watchCommand(program))).action(async (flags) => {
    const source = flagSource(flags, ctx);
    const notifyUrl = notifyUrlOf(flags, ctx);
    const port = flags.port === undefined ? undefined : parsePort(flags.port);
    const log = lineLogger((line) => ctx.io.stderr(line + "\n"), {
      min: flags.verbose ? "debug" : "info",
    });
    const opened = openCliEngine(ctx, flags);
    try {
      const loop = await openWatchLoop(ctx, { ...flags, source, notifyUrl }, opened, log);
      try {
        if (flags.once) await once(ctx, loop);
        else await runUntilStopped(ctx, loop, { port, host: flags.host, log });
      } finally {
        await loop.close();
      }
    } finally {
      await opened.flush();
    }
  });
}

async function once(ctx: CommandContext, { watcher }: WatchLoop): Promise<void> {
  await watcher.tick();
  for (const s of watcher.statuses()) ctx.io.stdout(sourceStatusLine(s) + "\n");
  ctx.exitCode = watcher.statuses().some((s) => s.phase === "Failed") ? EXIT.failed : EXIT.ok;
}

/** Runs the loop (and the server) until Ctrl-C or SIGTERM; the deploy in flight is interrupted and recorded. */
async function runUntilStopped(
  ctx: CommandContext,
  loop: WatchLoop,
  options: { port: number | undefined; host: string; log: Logger },
): Promise<void> {
  const stop = new AbortController();
  const secret = ctx.io.env["NOPEA_WEBHOOK_SECRET"] || undefined;
  const app = createWatchApp(loop.watcher, {
    ...(secret ? { webhookSecret: secret } : {}),
    log: options.log,
    alive: loop.alive,
    signal: stop.signal,
  });
  const server = options.port === undefined ? undefined : Deno.serve(
    { hostname: options.host, port: options.port, signal: stop.signal, onListen: () => {} },
    app.fetch,
  );
  if (server) ctx.io.stdout(`Webhooks and probes on http://${options.host}:${server.addr.port}\n`);
  ctx.io.interrupted?.().then(() => {
    ctx.io.stderr("\nStopping: the deploy in flight is interrupted and recorded\n");
    stop.abort();
  });
  await loop.run(stop.signal);
  await app.idle();
  await server?.finished;
  for (const s of loop.watcher.statuses()) ctx.io.stdout(sourceStatusLine(s) + "\n");
  ctx.exitCode = EXIT.ok;
}
