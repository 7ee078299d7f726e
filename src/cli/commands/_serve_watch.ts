/** `nopea serve --watch`: the source flags checked, and the GitOps loop the server hosts. */
import { sourceStatusLine } from "../../gitops/mod.ts";
import type { HostedWatch } from "../../http/mod.ts";
import { lineLogger } from "../../shared/mod.ts";
import type { OpenedEngine } from "../../wiring/mod.ts";
import type { CommandContext } from "../commands.ts";
import { flagSource, notifyUrlOf, type SourceFlags, usage } from "./_watch_flags.ts";
import { openWatchLoop, type WatchLoopSettings } from "./_watch_loop.ts";

/** The flags `--watch` adds to `nopea serve` (with the source flags of `nopea watch`). */
export interface ServeWatchFlags extends SourceFlags {
  watch?: boolean | undefined;
  verbose?: boolean | undefined;
}

/**
 * The loop's settings with `--watch` (the source flags checked: exit 2 before anything opens),
 * undefined without it; a source flag without `--watch` is refused.
 */
export function serveWatchSettings(
  flags: ServeWatchFlags,
  ctx: CommandContext,
): WatchLoopSettings | undefined {
  if (flags.watch) {
    const source = flagSource(flags, ctx);
    return {
      source,
      crds: flags.crds,
      namespace: flags.namespace,
      notifyUrl: notifyUrlOf(flags, ctx),
    };
  }
  const given = flags.repo !== undefined
    ? "--repo"
    : flags.crds
    ? "--crds"
    : flags.service !== undefined
    ? "-s, --service"
    : undefined;
  if (given === undefined) return undefined;
  throw usage(
    `Invalid ${given} without --watch: nopea serve runs no GitOps loop without it`,
    "Add --watch to run the loop (and POST /webhook/<source>) in the server, or use nopea watch",
  );
}

/** A loop hosted by the server: its routes, its start once listening, and its graceful stop. */
export interface ServedWatch {
  /** What the HTTP app serves of it. */
  hosted: HostedWatch;
  /** Starts the loop. */
  start(): void;
  /**
   * Stops the loop (the deploy in flight is interrupted and recorded), waits for the syncs
   * webhooks started, prints where sources stand; once, however often it is called.
   */
  stop(): Promise<void>;
  /** One line about the loop, for the start-up message. */
  readonly summary: string;
}

/** Builds the loop the server hosts (logged to stderr: every sync, drift, refusal). */
export async function serveWatch(
  ctx: CommandContext,
  settings: WatchLoopSettings,
  opened: OpenedEngine,
  verbose: boolean,
): Promise<ServedWatch> {
  const log = lineLogger((line) => ctx.io.stderr(line + "\n"), { min: verbose ? "debug" : "info" });
  const loop = await openWatchLoop(ctx, settings, opened, log);
  const secret = ctx.io.env["NOPEA_WEBHOOK_SECRET"] || undefined;
  const stopLoop = new AbortController();
  let running: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  const stopOnce = async () => {
    if (running) {
      ctx.io.stderr("Stopping the GitOps loop: the deploy in flight is interrupted and recorded\n");
    }
    stopLoop.abort();
    await running;
    await loop.close();
    if (running) {
      for (const s of loop.watcher.statuses()) ctx.io.stdout(sourceStatusLine(s) + "\n");
    }
  };
  return {
    hosted: {
      watcher: loop.watcher,
      alive: loop.alive,
      log,
      started: loop.started,
      signal: stopLoop.signal,
      ...(secret ? { webhookSecret: secret } : {}),
    },
    start() {
      running = loop.run(stopLoop.signal).catch((error) => {
        log.log("error", `GitOps loop stopped: ${error instanceof Error ? error.message : error}`);
      });
    },
    stop: () => (stopped ??= stopOnce()),
    summary: summaryOf(loop.watcher.statuses().map((s) => s.name), settings.crds, secret),
  };
}

function summaryOf(names: string[], crds: boolean | undefined, secret: string | undefined): string {
  const what = [
    ...(names.length ? [`source ${names.join(", ")}`] : []),
    ...(crds ? ["GitRepository objects"] : []),
  ].join(" and ");
  return `GitOps loop watching ${what}; push webhooks at POST /webhook/<source>` +
    (secret ? "" : " (no NOPEA_WEBHOOK_SECRET: only sources with their own secret take pushes)");
}
