/** The routes that serve no catalogue operation: probes, metrics, the API document, docs, MCP. */
import type { Hono } from "hono";
import type { Engine } from "../engine/mod.ts";
import { docsPage } from "./_docs_page.ts";
import { answerMcp, type McpRouteDeps } from "./_mcp_route.ts";
import type { HttpMetrics } from "./_metrics.ts";
import type { RouteSpec } from "./_no_route.ts";
import { openApiDocument } from "./openapi.ts";
import { problemResponse } from "./problem.ts";
import type { HttpRoute } from "./routes.ts";

/** What the service routes read. */
export interface ServiceRouteDeps extends McpRouteDeps {
  engine: Engine;
  metrics: HttpMetrics;
  inFlight: ReadonlySet<string>;
  routes: readonly HttpRoute[];
}

/** Paths that need no key: probes, metrics and the API's own description. */
export const OPEN_PATHS: ReadonlySet<string> = new Set([
  "/health",
  "/ready",
  "/metrics",
  "/openapi.json",
  "/docs",
]);

async function ready(engine: Engine): Promise<Response> {
  const health = await engine.health();
  if (health.cluster.reachable) return Response.json({ ready: true });
  const why = health.cluster.error ? `: ${health.cluster.error}` : "";
  return problemResponse(503, {
    code: "KUBE_UNREACHABLE",
    message: `Not ready: the cluster does not answer${why}`,
    hint: "Check the kubeconfig the server was started with and that its API server is reachable",
  });
}

/**
 * Registers `GET /ready`, `GET /metrics`, `GET /openapi.json`, `GET /docs` and `POST /mcp`;
 * returns them as route specs (for 405 answers).
 */
export function mountServiceRoutes(app: Hono, deps: ServiceRouteDeps): RouteSpec[] {
  const document = openApiDocument(deps.routes, deps.version);
  const page = docsPage(document);
  app.get("/ready", () => ready(deps.engine));
  app.get("/metrics", async (c) => {
    const text = await deps.metrics.render(deps.inFlight.size);
    return c.body(text, 200, { "content-type": deps.metrics.contentType });
  });
  app.get("/openapi.json", (c) => c.json(document));
  app.get("/docs", (c) => c.html(page));
  app.post("/mcp", (c) => answerMcp(c, deps));
  return ["/ready", "/metrics", "/openapi.json", "/docs"]
    .map((path) => ({ method: "GET", path }))
    .concat({ method: "POST", path: "/mcp" });
}
