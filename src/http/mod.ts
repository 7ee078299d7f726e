/**
 * @module
 * The HTTP API (DESIGN §7): the surface catalogue's operations as hono routes, with the
 * `Host`, `Origin`, key (`Authorization: Bearer` or `x-api-key`; a deploy key and a read-only
 * key) and content-type checks, a request body cap, `/health`, `/ready`, Prometheus `/metrics`
 * (prom-client, process metrics included), `/openapi.json` (OpenAPI 3.1 generated from the
 * catalogue's zod schemas), `/docs`, remote MCP at `/mcp` (Streamable HTTP), the push webhooks
 * of a hosted GitOps loop at `/webhook/<source>` (`nopea serve --watch`), `serveHttp` to
 * listen (optionally over TLS), and the local API key files. Errors are RFC 9457 problem
 * documents, statuses mapped in one function. It holds no operation logic and reads no
 * environment: the CLI passes the keys in.
 */
export {
  API_KEY_FILE,
  type ApiKeyFile,
  loadOrCreateApiKey,
  READ_API_KEY_FILE,
} from "./api_key_file.ts";
export { createHttpApp, DEFAULT_BODY_LIMIT, type HttpApp, type HttpAppOptions } from "./app.ts";
export type { KeyScope } from "./_auth.ts";
export type { HostedWatch } from "./_watch_routes.ts";
export { errorResponse, httpStatusFor } from "./error_response.ts";
export { jsonSchemaOf, type OpenApiDocument, openApiDocument, openApiPath } from "./openapi.ts";
export { PROBLEM_TYPE, type ProblemDocument, problemDocument, problemResponse } from "./problem.ts";
export { type HttpMethod, type HttpRoute, httpRoutes, pathParameters } from "./routes.ts";
export { type HttpServer, isLoopbackHost, serveHttp, type ServeHttpOptions } from "./serve.ts";
