/**
 * The GitOps loop a server hosts (`nopea serve --watch`): `POST /webhook/<source>`, authenticated
 * by its signature (no API key), `/health` and `/ready` reflecting the loop, the loop's metrics
 * in `/metrics`. Without a loop, `/webhook/*` says how to start one.
 */
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  answerWebhook,
  type SyncOutcome,
  type Watcher,
  watchMetrics,
  watchReadiness,
  WEBHOOK_BODY_LIMIT,
} from "../gitops/mod.ts";
import type { ErrorBody, Logger } from "../shared/mod.ts";
import type { RouteSpec } from "./_no_route.ts";
import { problemResponse } from "./problem.ts";

/** The GitOps loop a server hosts, and what its webhooks need. */
export interface HostedWatch {
  /** The loop. */
  watcher: Watcher;
  /** The secret of sources without their own (`NOPEA_WEBHOOK_SECRET`). */
  webhookSecret?: string;
  /** Whether the loop still runs. */
  alive: () => boolean;
  /** Where refused webhooks are logged. */
  log: Logger;
  /** The loop's stop: it interrupts (and records) a deploy a push started. */
  signal?: AbortSignal;
  /** Called with each sync a webhook started (the server waits for them before it closes). */
  started?: (sync: Promise<SyncOutcome>) => void;
}

function notWatching(path: string): ErrorBody {
  return {
    code: "SPEC_INVALID",
    message: `No GitOps loop runs in this server: ${path.slice(0, 100)} needs one`,
    hint: "Start the server with nopea serve --watch (with --repo/--service or --crds), " +
      "or send the webhook to nopea watch --port",
  };
}

const tooLarge: ErrorBody = {
  code: "SPEC_INVALID",
  message: `Webhook body too large: the limit is ${WEBHOOK_BODY_LIMIT} bytes`,
  hint: "Send push events only (not every event) to this webhook",
};

/** Mounts the webhook route and the loop's probe and metrics hooks; returns the route specs. */
export function mountWatchRoutes(app: Hono, watch: HostedWatch | undefined): RouteSpec[] {
  if (!watch) {
    app.all("/webhook/*", (c) => problemResponse(404, notWatching(c.req.path)));
    return [];
  }
  const limit = bodyLimit({
    maxSize: WEBHOOK_BODY_LIMIT,
    onError: () => problemResponse(413, tooLarge),
  });
  app.post("/webhook/:source", limit, async (c) => {
    const request = { headers: c.req.raw.headers, body: await c.req.text() };
    const answer = await answerWebhook(watch.watcher, c.req.param("source"), request, watch);
    if ("error" in answer) return problemResponse(answer.status, answer.error);
    if (answer.sync) watch.started?.(answer.sync);
    return c.json(answer.body, 202);
  });
  app.all("/webhook/*", (c) =>
    problemResponse(405, {
      code: "SPEC_INVALID",
      message: `Method ${c.req.method.slice(0, 16)} is not allowed on ${c.req.path.slice(0, 100)}`,
      hint: "Git hosts send pushes as POST /webhook/<source>",
    }, { allow: "POST" }));
  mountProbeHooks(app, watch);
  return [{ method: "POST", path: "/webhook/:source" }];
}

/** `/health` is 503 once the loop stopped; `/ready` waits for its first pass; metrics grow. */
function mountProbeHooks(app: Hono, watch: HostedWatch): void {
  app.get("/health", async (_c, next) => {
    if (watch.alive()) return await next();
    return problemResponse(503, {
      code: "DEPLOY_INTERRUPTED",
      message: "The GitOps loop stopped: the server is shutting down",
      hint: "Wait for the server to restart",
    });
  });
  app.get("/ready", async (c, next) => {
    const readiness = watchReadiness(watch.watcher, watch.alive);
    if (!readiness.ready) {
      return problemResponse(503, {
        code: "DEPLOY_IN_PROGRESS",
        message:
          `Not ready: the GitOps loop has not finished its first pass over ${readiness.sources.length} source(s)`,
        hint: "Wait for the first sync of every source (nopea serve logs each one)",
        details: { sources: readiness.sources },
      });
    }
    await next();
    if (c.res.status === 200) c.res = Response.json({ ready: true, sources: readiness.sources });
  });
  app.get("/metrics", async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    const text = (await c.res.text()).replace(/\n*$/, "\n");
    const headers = new Headers(c.res.headers);
    c.res = new Response(text + watchMetrics(watch.watcher.statuses()), { headers });
  });
}
