/**
 * The HTTP side of `nopea watch`: `POST /webhook/<source>` (GitHub, GitLab push), `/health`,
 * `/ready` and `/metrics` reflecting the loop. A valid push to the source's branch starts a
 * sync at once (answered 202); a bad signature is 401 and triggers nothing.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../shared/mod.ts";
import { checkWebhook } from "./webhook.ts";
import type { Watcher } from "./watcher_types.ts";
import { watchMetrics } from "./watch_metrics.ts";

/** Options of {@linkcode createWatchApp}. */
export interface WatchAppOptions {
  /** The webhook secret of sources without their own (`NOPEA_WEBHOOK_SECRET`). */
  webhookSecret?: string;
  /** Whether the loop is alive (health); @default always */
  alive?: () => boolean;
  /** Where refused webhooks are logged. */
  log: Logger;
}

/** The watch server's app, and a way to wait for the syncs its webhooks started. */
export interface WatchApp {
  /** Answers one request (hand it to `Deno.serve`). */
  fetch(request: Request): Response | Promise<Response>;
  /** Settles once every sync started by a webhook so far has ended. */
  idle(): Promise<void>;
}

/**
 * Builds the app over a running watcher.
 *
 * @example
 * ```ts
 * import { createWatchApp } from "./watch_app.ts";
 * // const app = createWatchApp(watcher, { webhookSecret: "s", log });
 * // Deno.serve({ port: 8080 }, app.fetch);
 * ```
 */
export function createWatchApp(watcher: Watcher, options: WatchAppOptions): WatchApp {
  const app = new Hono();
  const running = new Set<Promise<unknown>>();
  app.get("/health", (c) => {
    const alive = options.alive?.() ?? true;
    return c.json({ status: alive ? "ok" : "stopped" }, alive ? 200 : 503);
  });
  app.get("/ready", (c) => {
    // Ready once every source was synced (or failed) at least once, or the loop finished a tick.
    const sources = watcher.statuses().map((s) => ({ name: s.name, phase: s.phase }));
    const tried = sources.length > 0 && sources.every((s) => s.phase !== "Pending");
    const ready = (watcher.lastTickAt !== undefined || tried) && (options.alive?.() ?? true);
    return c.json({ ready, sources }, ready ? 200 : 503);
  });
  app.get("/metrics", (c) =>
    c.text(watchMetrics(watcher.statuses()), 200, {
      "content-type": "text/plain; version=0.0.4",
    }));
  app.post("/webhook/:source", bodyLimit({ maxSize: 1024 * 1024 }), async (c) => {
    const name = c.req.param("source");
    const source = watcher.source(name);
    if (!source) return c.json({ error: `No watched source "${name}"` }, 404);
    const body = await c.req.text();
    const verdict = await checkWebhook(
      c.req.raw.headers,
      body,
      source.webhookSecret ?? options.webhookSecret,
    );
    if (verdict.kind === "unauthorized") {
      options.log.log("warn", `Webhook for source "${name}" refused: ${verdict.message}`);
      return c.json({ error: verdict.message }, 401);
    }
    if (verdict.kind === "ignored") return c.json({ ignored: verdict.message }, 202);
    if (verdict.branch !== source.branch) {
      return c.json({ ignored: `Push to branch "${verdict.branch}", not "${source.branch}"` }, 202);
    }
    const sync = watcher.sync(name, "webhook");
    running.add(sync);
    sync.finally(() => running.delete(sync));
    return c.json({ syncing: name, ...(verdict.commit ? { commit: verdict.commit } : {}) }, 202);
  });
  return {
    fetch: (request) => app.fetch(request),
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
