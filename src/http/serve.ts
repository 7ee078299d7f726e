/** serveHttp: listens with Deno.serve; an app without a key only on loopback, and only if asked. */
import { NopeaError } from "../shared/mod.ts";
import { isLoopbackHost, type ListenAddress, type ListenBindings, urlHost } from "./_address.ts";
import type { HttpApp } from "./app.ts";

export { isLoopbackHost } from "./_address.ts";

/** Options of {@linkcode serveHttp}. */
export interface ServeHttpOptions {
  /** Address to listen on. @default "127.0.0.1" */
  hostname?: string;
  /** Port; 0 picks a free one. @default 8080 */
  port?: number;
  /** Aborting it stops accepting, lets running requests finish, then closes. */
  signal?: AbortSignal;
  /**
   * Serve an app made without an API key: any process on this machine can then call it. Only on
   * a loopback address. @default false
   */
  noAuth?: boolean;
  /** Serve HTTPS with this PEM certificate (chain) and private key. @default plain HTTP */
  tls?: { cert: string; key: string };
}

/** A listening server. */
export interface HttpServer {
  /** Base URL, e.g. `http://127.0.0.1:8080` (`https://` with TLS). */
  url: string;
  /** The port listened on (the one picked when 0 was asked for). */
  port: number;
  /** Settles once the server has shut down. */
  finished: Promise<void>;
}

function listenError(error: unknown, address: string, tls: boolean): NopeaError {
  if (tls && !(error instanceof Deno.errors.AddrInUse)) {
    return new NopeaError("SPEC_INVALID", `Cannot serve HTTPS on ${address}: ${reason(error)}`, {
      hint: "Pass a PEM certificate to --tls-cert and its PEM private key to --tls-key",
      cause: error,
    });
  }
  return new NopeaError("SPEC_INVALID", `Cannot listen on ${address}: ${reason(error)}`, {
    hint: "Pick another --port (0 picks a free one) or --host",
    cause: error,
  });
}

function reason(error: unknown): string {
  return error instanceof Deno.errors.AddrInUse
    ? "the address is in use"
    : error instanceof Error
    ? error.message
    : String(error);
}

function checkKey(app: HttpApp, hostname: string, noAuth: boolean): void {
  if (app.requiresApiKey) return;
  if (!isLoopbackHost(hostname)) {
    throw new NopeaError(
      "SPEC_INVALID",
      `Refusing to listen on "${hostname}" without an API key: anyone reaching it could deploy`,
      {
        hint:
          "Set NOPEA_API_KEY (clients then send it in the x-api-key header), or listen on 127.0.0.1",
      },
    );
  }
  if (!noAuth) {
    throw new NopeaError(
      "SPEC_INVALID",
      "Refusing to serve without an API key: any process on this machine could deploy",
      { hint: "Create the app with an apiKey, or pass noAuth: true to serve it without one" },
    );
  }
}

/**
 * Serves `app` until `signal` aborts. An app made without an API key is served only with
 * `noAuth` and only on a loopback address. Every request carries the listen address to the
 * app, which refuses a `Host` that does not name it (421).
 *
 * @throws {NopeaError} `SPEC_INVALID` for an app without a key (beyond loopback, or without
 * `noAuth`), or an address that cannot be listened on
 * @example Serve on a free loopback port, then stop
 * ```ts
 * import { serveHttp } from "./serve.ts";
 * import { createHttpApp } from "./app.ts";
 * import { createEngine } from "@nopea/nopea";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * const stop = new AbortController();
 * const app = createHttpApp(createEngine(deps), { apiKey: "s3cret" });
 * const server = serveHttp(app, { port: 0, signal: stop.signal });
 * const res = await fetch(`${server.url}/api/services`, { headers: { "x-api-key": "s3cret" } });
 * equal(res.status, 200);
 * await res.body?.cancel();
 * stop.abort();
 * await server.finished;
 * ```
 */
export function serveHttp(app: HttpApp, options: ServeHttpOptions = {}): HttpServer {
  const hostname = options.hostname ?? "127.0.0.1";
  const requested = options.port ?? 8080;
  checkKey(app, hostname, options.noAuth ?? false);
  const env: ListenBindings = { listen: { hostname, port: requested } };
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname,
      port: requested,
      onListen: () => {},
      ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    }, (request) => app.fetch(request, env));
  } catch (error) {
    throw listenError(error, `${urlHost(hostname)}:${requested}`, options.tls !== undefined);
  }
  const listen: ListenAddress = { hostname, port: server.addr.port };
  env.listen = listen;
  return {
    url: `${options.tls ? "https" : "http"}://${urlHost(hostname)}:${listen.port}`,
    port: listen.port,
    finished: server.finished,
  };
}
