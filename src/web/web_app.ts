/** createWebApp: the web view's routes, behind its key check, reading through the catalogue. */
import { type Context, Hono } from "hono";
import type { Engine } from "../engine/mod.ts";
import type { Clock } from "../shared/mod.ts";
import { ASSETS } from "./_assets.ts";
import { respond } from "./_layout.ts";
import { type LiveHub, liveHub } from "./_live.ts";
import { liveStream } from "./_live_stream.ts";
import { liveEngine } from "./live_engine.ts";
import { memoryFollower } from "./_follow.ts";
import type { ReadDeps } from "./_read.ts";
import { loginPage, webSessions } from "./_session.ts";
import { mountPages } from "./_page_routes.ts";

/** Options of {@linkcode createWebApp}. */
export interface WebAppOptions {
  /** The server's deploy key: with one, the browser must log in once per session. */
  apiKey?: string | undefined;
  /** The server's read-only key: it shows every page but runs no action. */
  readApiKey?: string | undefined;
  /** Working directory of the operations. @default "." */
  cwd?: string;
  /**
   * Where live progress goes. Pass the hub the `engine` was wrapped with (see `liveEngine`) so
   * the operations of the other doors show too. @default a new hub, for the web view's actions
   */
  hub?: LiveHub;
  /**
   * While a page listens, memory is read this often so deploys other processes record show
   * live (their records, not their progress). @default 2000
   */
  followEveryMs?: number;
  /** The clock that says which records are new. @default the system clock */
  clock?: Clock;
}

/**
 * The web view (pages at `/`, `/services/:name`, `/graph`; files, live events and the login
 * under `/ui/`). Mount it in the HTTP app after the address and origin checks; it checks the key
 * itself (a session cookie from the login form, or `x-api-key`).
 *
 * @example The services page, in-process
 * ```ts
 * import { createWebApp } from "./web_app.ts";
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal, match } from "node:assert/strict";
 * await using deps = await testDeps();
 * const web = createWebApp(createEngine(deps), { apiKey: "s3cret" });
 * const page = await web.request("/", { headers: { "x-api-key": "s3cret" } });
 * equal(page.status, 200);
 * match(await page.text(), /Memory knows no service yet/);
 * equal((await web.request("/")).status, 303, "a browser without a session logs in first");
 * ```
 */
export function createWebApp(engine: Engine, options: WebAppOptions = {}): Hono {
  const app = new Hono();
  const sessions = webSessions({ deploy: options.apiKey, read: options.readApiKey });
  const hub = options.hub ?? liveHub();
  const live = options.hub === undefined ? liveEngine(engine, hub) : engine;
  const deps: ReadDeps = { engine: live, ctx: { cwd: options.cwd ?? "." } };
  const denied = (c: Context) => {
    if (sessions.scopeOf(c) !== undefined) return undefined;
    if (c.req.method !== "GET") return c.text("Log in first: the server requires its key", 401);
    return c.redirect(`/ui/login?next=${encodeURIComponent(c.req.path)}`, 303);
  };
  app.get("/ui/assets/:name", (c) => {
    const asset = ASSETS.get(c.req.param("name"));
    if (asset === undefined) return c.text("No such file", 404);
    return c.body(asset.body, 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
  });
  app.get("/ui/login", (c) => respond(c, loginPage(c.req.query("next"), false)));
  app.post("/ui/login", async (c) => {
    const form = await c.req.parseBody();
    const next = typeof form["next"] === "string" && form["next"].startsWith("/") &&
        !form["next"].startsWith("//")
      ? form["next"]
      : "/";
    if (sessions.login(c, String(form["key"] ?? ""))) return c.redirect(next, 303);
    return respond(c, loginPage(next, true), 401);
  });
  mountPages(app, { read: deps, hub, sessions }, denied);
  const follower = memoryFollower(engine, hub, {
    everyMs: options.followEveryMs ?? 2000,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  app.get("/ui/events", (c) => denied(c) ?? liveStream(c, hub, follower));
  return app;
}
