/** serveHttp: listens with Deno.serve, refusing non-loopback addresses for an app without a key. */
import { NopeaError } from "../shared/mod.ts";
import type { HttpApp } from "./app.ts";

/** Options of {@linkcode serveHttp}. */
export interface ServeHttpOptions {
  /** Address to listen on. @default "127.0.0.1" */
  hostname?: string;
  /** Port; 0 picks a free one. @default 8080 */
  port?: number;
  /** Aborting it stops accepting, lets running requests finish, then closes. */
  signal?: AbortSignal;
}

/** A listening server. */
export interface HttpServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** The port listened on (the one picked when 0 was asked for). */
  port: number;
  /** Settles once the server has shut down. */
  finished: Promise<void>;
}

/**
 * Whether a listen address only accepts connections from this machine.
 *
 * @example
 * ```ts
 * import { isLoopbackHost } from "./serve.ts";
 * import { equal } from "node:assert/strict";
 * equal(isLoopbackHost("127.0.0.1"), true);
 * equal(isLoopbackHost("0.0.0.0"), false);
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function urlHost(hostname: string): string {
  return hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
}

function listenError(error: unknown, address: string): NopeaError {
  const reason = error instanceof Deno.errors.AddrInUse
    ? "the address is in use"
    : error instanceof Error
    ? error.message
    : String(error);
  return new NopeaError("SPEC_INVALID", `Cannot listen on ${address}: ${reason}`, {
    hint: "Pick another --port (0 picks a free one) or --host",
    cause: error,
  });
}

/**
 * Serves `app` until `signal` aborts. An app made without an API key may only listen on a
 * loopback address: anyone who can reach the port could deploy.
 *
 * @throws {NopeaError} `SPEC_INVALID` for a non-loopback host without a key, or an address
 * that cannot be listened on
 * @example Serve on a free loopback port, then stop
 * ```ts
 * import { serveHttp } from "./serve.ts";
 * import { createHttpApp } from "./app.ts";
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const stop = new AbortController();
 * const server = serveHttp(createHttpApp(createEngine(deps)), { port: 0, signal: stop.signal });
 * const res = await fetch(`${server.url}/ready`);
 * equal(res.status, 200);
 * await res.body?.cancel();
 * stop.abort();
 * await server.finished;
 * ```
 */
export function serveHttp(app: HttpApp, options: ServeHttpOptions = {}): HttpServer {
  const hostname = options.hostname ?? "127.0.0.1";
  const requested = options.port ?? 8080;
  if (!isLoopbackHost(hostname) && !app.requiresApiKey) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Refusing to listen on "${hostname}" without an API key: anyone reaching it could deploy`,
      {
        hint:
          "Set NOPEA_API_KEY (clients then send it in the x-api-key header), or listen on 127.0.0.1",
      },
    );
  }
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname,
      port: requested,
      onListen: () => {},
      ...(options.signal ? { signal: options.signal } : {}),
    }, (request) => app.fetch(request));
  } catch (error) {
    throw listenError(error, `${urlHost(hostname)}:${requested}`);
  }
  const port = server.addr.port;
  return { url: `http://${urlHost(hostname)}:${port}`, port, finished: server.finished };
}
