/** `nopea watch`: keep services in sync with git (poll, push webhooks, drift healing). */
import type { Command } from "@commander-js/extra-typings";
import { join, resolve } from "node:path";
import {
  abortableSleep,
  createWatchApp,
  createWatcher,
  isomorphicGit,
  sourceStatusLine,
  startRepositoryController,
  type Watcher,
  writeRepositoryStatus,
} from "../../gitops/mod.ts";
import type { ClusterPort } from "../../kube/mod.ts";
import { lineLogger, type Logger, systemClock } from "../../shared/mod.ts";
import type { CommandContext } from "../commands.ts";
import { flagSource, parsePort, usage, watchCommand } from "./_watch_flags.ts";
import { EXIT } from "../exit_code.ts";
import { openCliEngine } from "../open_cli_engine.ts";
import { withCanaryThreshold, withConnection } from "./_common.ts";

/** Registers `nopea watch`. */
export function registerWatch(program: Command, ctx: CommandContext): void {
  withCanaryThreshold(withConnection(watchCommand(program))).action(async (flags) => {
    const source = flagSource(flags, ctx);
    const port = flags.port === undefined ? undefined : parsePort(flags.port);
    const log = lineLogger((line) => ctx.io.stderr(line + "\n"), {
      min: flags.verbose ? "debug" : "info",
    });
    const opened = openCliEngine(ctx, flags);
    try {
      const cluster = opened.cluster;
      if (flags.crds && !cluster) throw usage("--crds needs a cluster", "Pass --kubeconfig");
      const watcher = createWatcher({
        engine: opened.engine,
        git: isomorphicGit({ cacheDir: join(resolve(ctx.io.cwd, opened.memoryDir), "git") }),
        clock: systemClock,
        log,
        sleep: abortableSleep,
        ...(opened.events ? { events: opened.events } : {}),
        ...(cluster ? { onStatus: (s, src) => writeRepositoryStatus(cluster, s, src) } : {}),
      }, source ? [source] : []);
      const crds = flags.crds && cluster
        ? await startRepositoryController(
          { cluster, watcher, clock: systemClock, log },
          flags.namespace ? { namespace: flags.namespace } : {},
        )
        : undefined;
      try {
        if (flags.once) await once(ctx, watcher);
        else await runUntilStopped(ctx, watcher, { port, host: flags.host, log, cluster });
      } finally {
        crds?.stop();
      }
    } finally {
      await opened.flush();
    }
  });
}

async function once(ctx: CommandContext, watcher: Watcher): Promise<void> {
  await watcher.tick();
  for (const s of watcher.statuses()) ctx.io.stdout(sourceStatusLine(s) + "\n");
  ctx.exitCode = watcher.statuses().some((s) => s.phase === "Failed") ? EXIT.failed : EXIT.ok;
}

/** Runs the loop (and the server) until Ctrl-C or SIGTERM; the deploy in flight is interrupted and recorded. */
async function runUntilStopped(
  ctx: CommandContext,
  watcher: Watcher,
  options: {
    port: number | undefined;
    host: string;
    log: Logger;
    cluster?: ClusterPort | undefined;
  },
): Promise<void> {
  const stop = new AbortController();
  let alive = true;
  const secret = ctx.io.env["NOPEA_WEBHOOK_SECRET"] || undefined;
  const app = createWatchApp(watcher, {
    ...(secret ? { webhookSecret: secret } : {}),
    log: options.log,
    alive: () => alive,
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
  await watcher.run(stop.signal).finally(() => (alive = false));
  await app.idle();
  await server?.finished;
  for (const s of watcher.statuses()) ctx.io.stdout(sourceStatusLine(s) + "\n");
  ctx.exitCode = EXIT.ok;
}
