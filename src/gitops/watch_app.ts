/**
 * The HTTP side of `nopea watch`: `POST /webhook/<source>` (GitHub, GitLab push), `/health`,
 * `/ready` and `/metrics` reflecting the loop. A valid push to the source's branch starts a
 * sync at once (answered 202); a bad signature is 401 and triggers nothing.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../shared/mod.ts";
import { answerWebhook, watchReadiness, WEBHOOK_BODY_LIMIT } from "./webhook_route.ts";
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
  /** The loop's stop: it interrupts (and records) a deploy a push started. */
  signal?: AbortSignal;
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
  const alive = () => options.alive?.() ?? true;
  app.get("/health", (c) => c.json({ status: alive() ? "ok" : "stopped" }, alive() ? 200 : 503));
  app.get("/ready", (c) => {
    const readiness = watchReadiness(watcher, alive);
    return c.json(readiness, readiness.ready ? 200 : 503);
  });
  app.get("/metrics", (c) =>
    c.text(watchMetrics(watcher.statuses()), 200, {
      "content-type": "text/plain; version=0.0.4",
    }));
  app.post("/webhook/:source", bodyLimit({ maxSize: WEBHOOK_BODY_LIMIT }), async (c) => {
    const request = { headers: c.req.raw.headers, body: await c.req.text() };
    const answer = await answerWebhook(watcher, c.req.param("source"), request, {
      ...options,
      alive,
    });
    if ("error" in answer) {
      return c.json({ error: answer.error.message, hint: answer.error.hint }, answer.status);
    }
    if (answer.sync) {
      const sync = answer.sync;
      running.add(sync);
      sync.finally(() => running.delete(sync));
    }
    return c.json(answer.body, 202);
  });
  return {
    fetch: (request) => app.fetch(request),
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
