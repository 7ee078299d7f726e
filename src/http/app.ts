/**
 * createHttpApp: the catalogue's operations as hono routes, behind the address, origin, key,
 * content-type and body-size checks, with probes and metrics.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { routePath } from "hono/route";
import type { Engine } from "../engine/mod.ts";
import { type Clock, type ErrorBody, type Logger, silentLogger } from "../shared/mod.ts";
import { type AnyOperation, OPERATIONS } from "../surface/mod.ts";
import { createWebApp, liveEngine, liveHub } from "../web/mod.ts";
import { apiKeyCheck, type ApiKeys } from "./_auth.ts";
import { addressCheck } from "./_guards.ts";
import { httpMetrics } from "./_metrics.ts";
import { noRouteAnswer } from "./_no_route.ts";
import { type OperationDeps, runOperation } from "./_operation_handler.ts";
import { mountServiceRoutes, OPEN_PATHS } from "./_service_routes.ts";
import { type HostedWatch, mountWatchRoutes } from "./_watch_routes.ts";
import { errorResponse } from "./error_response.ts";
import { problemResponse } from "./problem.ts";
import { httpRoutes } from "./routes.ts";

/** Options of {@linkcode createHttpApp}. */
export interface HttpAppOptions {
  /**
   * The deploy key: when set, every request except /health, /ready and /metrics must send a key,
   * as `Authorization: Bearer <key>` or `x-api-key`.
   */
  apiKey?: string;
  /** A read-only key: it runs read-only operations only (a dashboard's key). */
  readApiKey?: string;
  /** Largest request body accepted, in bytes. @default 10 MiB */
  bodyLimit?: number;
  /** Working directory of the operations. @default "." */
  cwd?: string;
  /** Where unclassified (500) faults are logged with their details. @default silent */
  log?: Logger;
  /** Times memory queries. @default the high-resolution wall clock */
  clock?: Clock;
  /** Nopea's version, in `/openapi.json` and MCP's `serverInfo`. @default "0.0.0" */
  version?: string;
  /** The operations to serve. @default OPERATIONS, the whole catalogue */
  operations?: readonly AnyOperation[];
  /** A GitOps loop to host (`nopea serve --watch`): `POST /webhook/<source>` and its probes. */
  watch?: HostedWatch;
}

/** Default request body cap: 10 MiB. */
export const DEFAULT_BODY_LIMIT: number = 10 * 1024 * 1024;

const preciseClock: Clock = { now: () => performance.timeOrigin + performance.now() };

function keysOf(options: HttpAppOptions): ApiKeys {
  return { deploy: options.apiKey, read: options.readApiKey };
}

/** The app {@linkcode createHttpApp} makes: a hono app that says whether it checks an API key. */
export interface HttpApp extends Hono {
  /** Whether every request but the probes and metrics must send the API key (`serveHttp` reads it). */
  readonly requiresApiKey: boolean;
}

function tooLarge(limit: number): ErrorBody {
  return {
    code: "SPEC_INVALID",
    message: `Request body too large: the limit is ${limit} bytes`,
    hint: "Send fewer manifests per request, or start the server with a larger --body-limit",
  };
}

/**
 * The HTTP API (DESIGN §7): one route per catalogue operation (see {@linkcode httpRoutes}),
 * `GET /ready`, `GET /metrics`, `GET /openapi.json` (OpenAPI 3.1), `GET /docs` and remote MCP
 * at `POST /mcp`; with `watch`, `POST /webhook/<source>` (authenticated by its signature, not
 * the key) and probes that reflect the loop. Bodies are the operations' outputs; errors are RFC 9457 problem documents
 * (`application/problem+json`, with Nopea's `code` and `hint`) with the status of
 * {@linkcode httpStatusFor}. Every request passes, in order: the `Host` check when `serveHttp`
 * passed the listen address (421), the `Origin` check (403), the key (`Authorization: Bearer`
 * or `x-api-key`; 401 with `WWW-Authenticate`), the body cap (413), then the content-type of a
 * non-empty body (415); a read-only key running an operation that changes something is 403. A
 * known path asked with another method is 405 with `Allow`; an unknown one is 404.
 *
 * @example List services through the app, in-process
 * ```ts
 * import { createHttpApp } from "./app.ts";
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { deepEqual, equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const app = createHttpApp(createEngine(deps), { apiKey: "s3cret" });
 * const res = await app.request("/api/services", { headers: { "x-api-key": "s3cret" } });
 * equal(res.status, 200);
 * deepEqual(await res.json(), { services: [] });
 * ```
 */
export function createHttpApp(engine: Engine, options: HttpAppOptions = {}): HttpApp {
  const app = new Hono();
  const metrics = httpMetrics();
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const routes = httpRoutes(options.operations ?? OPERATIONS);
  const log = options.log ?? silentLogger;
  const hub = liveHub();
  const deps: OperationDeps = {
    engine: liveEngine(engine, hub),
    metrics,
    inFlight: new Set(),
    clock: options.clock ?? preciseClock,
    cwd: options.cwd ?? ".",
  };
  app.use(async (c, next) => {
    await next();
    const route = routePath(c, -1);
    metrics.request(route === "/*" || route === "*" ? "unmatched" : route, c.res.status);
  });
  app.use(addressCheck());
  const watchSpecs = mountWatchRoutes(app, options.watch);
  app.route("/", createWebApp(deps.engine, { ...options, cwd: deps.cwd, hub }));
  app.use(apiKeyCheck(keysOf(options), OPEN_PATHS));
  app.use(bodyLimit({ maxSize: limit, onError: () => problemResponse(413, tooLarge(limit)) }));
  for (const route of routes) app.on(route.method, route.path, (c) => runOperation(c, route, deps));
  const own = mountServiceRoutes(app, {
    ...deps,
    routes,
    version: options.version ?? "0.0.0",
  });
  const specs = [...routes, ...own, ...watchSpecs];
  app.notFound((c) => {
    const { status, body, allow } = noRouteAnswer(c.req.method, c.req.path, specs);
    return problemResponse(status, body, allow === undefined ? {} : { allow });
  });
  app.onError((error, c) => {
    const { status, body } = errorResponse(error);
    if (status >= 500 && body.code === "INTERNAL") {
      log.log("error", "HTTP request failed", {
        route: `${c.req.method} ${c.req.path}`,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    return problemResponse(status, body);
  });
  return Object.assign(app, {
    requiresApiKey: Boolean(options.apiKey) || Boolean(options.readApiKey),
  });
}
