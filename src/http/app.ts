/**
 * createHttpApp: the catalogue's operations as hono routes, behind the address, origin, key,
 * content-type and body-size checks, with probes and metrics.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Engine } from "../engine/mod.ts";
import { type Clock, type ErrorBody, type Logger, silentLogger } from "../shared/mod.ts";
import { type AnyOperation, OPERATIONS } from "../surface/mod.ts";
import { apiKeyCheck } from "./_auth.ts";
import { addressCheck } from "./_guards.ts";
import { httpMetrics } from "./_metrics.ts";
import { noRouteAnswer } from "./_no_route.ts";
import { type OperationDeps, runOperation } from "./_operation_handler.ts";
import { errorResponse } from "./error_response.ts";
import { httpRoutes } from "./routes.ts";

/** Options of {@linkcode createHttpApp}. */
export interface HttpAppOptions {
  /** When set, every request except /health, /ready and /metrics must send it as `x-api-key`. */
  apiKey?: string;
  /** Largest request body accepted, in bytes. @default 10 MiB */
  bodyLimit?: number;
  /** Working directory of the operations. @default "." */
  cwd?: string;
  /** Where unclassified (500) faults are logged with their details. @default silent */
  log?: Logger;
  /** Times memory queries. @default the high-resolution wall clock */
  clock?: Clock;
  /** The operations to serve. @default OPERATIONS, the whole catalogue */
  operations?: readonly AnyOperation[];
}

/** Default request body cap: 10 MiB. */
export const DEFAULT_BODY_LIMIT: number = 10 * 1024 * 1024;

const OPEN_PATHS: ReadonlySet<string> = new Set(["/health", "/ready", "/metrics"]);
const PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
const preciseClock: Clock = { now: () => performance.timeOrigin + performance.now() };

/** The app {@linkcode createHttpApp} makes: a hono app that says whether it checks an API key. */
export interface HttpApp extends Hono {
  /** Whether every request but the probes and metrics must send the API key (`serveHttp` reads it). */
  readonly requiresApiKey: boolean;
}

function json(body: unknown, status: number): Response {
  return Response.json(body, { status });
}

function tooLarge(limit: number): ErrorBody {
  return {
    code: "SPEC_INVALID",
    message: `Request body too large: the limit is ${limit} bytes`,
    hint: "Send fewer manifests per request, or start the server with a larger --body-limit",
  };
}

async function ready(engine: Engine): Promise<Response> {
  const health = await engine.health();
  if (health.cluster.reachable) return json({ ready: true }, 200);
  const why = health.cluster.error ? `: ${health.cluster.error}` : "";
  return json({
    code: "KUBE_UNREACHABLE",
    message: `Not ready: the cluster does not answer${why}`,
    hint: "Check the kubeconfig the server was started with and that its API server is reachable",
  }, 503);
}

/**
 * The HTTP API (DESIGN §7): one route per catalogue operation (see {@linkcode httpRoutes}),
 * `GET /ready` and `GET /metrics`. Bodies are the operations' outputs; errors are
 * `{code, message, hint}` with the status of {@linkcode httpStatusFor}. Every request passes,
 * in order: the `Host` check when `serveHttp` passed the listen address (421), the `Origin`
 * check (403), the key (401/403), the body cap (413), then the content-type of a non-empty body
 * (415). A known path asked with another method is 405 with `Allow`; an unknown one is 404.
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
  const deps: OperationDeps = {
    engine,
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
  app.use(apiKeyCheck(options.apiKey, OPEN_PATHS));
  app.use(bodyLimit({ maxSize: limit, onError: () => json(tooLarge(limit), 413) }));
  for (const route of routes) app.on(route.method, route.path, (c) => runOperation(c, route, deps));
  app.get("/ready", () => ready(engine));
  app.get(
    "/metrics",
    (c) => c.body(metrics.render(deps.inFlight.size), 200, { "content-type": PROMETHEUS_TYPE }),
  );
  const specs = [...routes, { method: "GET", path: "/ready" }, { method: "GET", path: "/metrics" }];
  app.notFound((c) => {
    const { status, body, allow } = noRouteAnswer(c.req.method, c.req.path, specs);
    return c.json(body, status, allow === undefined ? {} : { allow });
  });
  app.onError((error, c) => {
    const { status, body } = errorResponse(error);
    if (status >= 500 && body.code === "INTERNAL") {
      log.log("error", "HTTP request failed", {
        route: `${c.req.method} ${c.req.path}`,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
    return c.json(body, status as ContentfulStatusCode);
  });
  return Object.assign(app, {
    requiresApiKey: options.apiKey !== undefined && options.apiKey !== "",
  });
}
