/**
 * @module
 * The HTTP API (DESIGN §7): the surface catalogue's operations as hono routes, with the
 * `Host`, `Origin`, `x-api-key` and content-type checks, a request body cap, `/health`, `/ready`
 * and Prometheus `/metrics`, `serveHttp` to listen, and the local API key file. Errors map to
 * statuses in one function. It holds no operation logic and reads no environment: the CLI passes
 * the API key in.
 */
export { API_KEY_FILE, type ApiKeyFile, loadOrCreateApiKey } from "./api_key_file.ts";
export { createHttpApp, DEFAULT_BODY_LIMIT, type HttpApp, type HttpAppOptions } from "./app.ts";
export { errorResponse, httpStatusFor } from "./error_response.ts";
export { type HttpMethod, type HttpRoute, httpRoutes } from "./routes.ts";
export { type HttpServer, isLoopbackHost, serveHttp, type ServeHttpOptions } from "./serve.ts";
