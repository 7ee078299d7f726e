/**
 * What keeps other sites out: requests must be addressed to this server (`Host`, 421) and come
 * from no other origin (`Origin`, 403). Bodies must be JSON too: see `_body.ts` (415).
 */
import type { MiddlewareHandler } from "hono";
import type { ErrorBody } from "../shared/mod.ts";
import { addressedTo, type ListenAddress, sameOrigin, urlHost } from "./_address.ts";
import { excerpt } from "./_excerpt.ts";
import { problemResponse } from "./problem.ts";

function listenOf(env: unknown): ListenAddress | undefined {
  const listen = (env as { listen?: ListenAddress } | undefined)?.listen;
  return typeof listen?.hostname === "string" && typeof listen.port === "number"
    ? listen
    : undefined;
}

function misdirected(host: string | undefined, listen: ListenAddress): ErrorBody {
  const given = host === undefined ? "no Host header" : `the Host header ${excerpt(host)}`;
  const own = `${urlHost(listen.hostname)}:${listen.port}`;
  return {
    code: "SPEC_INVALID",
    message: `Misdirected request: ${given} does not name this server (${own})`,
    hint: `Address the server as http://${own} or http://localhost:${listen.port}; ` +
      "a web page on another site cannot use it",
  };
}

function foreign(origin: string): ErrorBody {
  return {
    code: "SPEC_INVALID",
    message: `Cross-origin request refused: the Origin header ${excerpt(origin)} is not this ` +
      "server's origin",
    hint: "Call the API from a program (curl, a script, a CI job), which sends no Origin header; " +
      "web pages on other sites may not use it",
  };
}

/**
 * The `:authority` of an HTTPS request, which HTTP/2 sends instead of `Host` (the URL holds it);
 * undefined over plain HTTP, where a request without `Host` stays refused.
 */
function authorityOverTls(url: string): string | undefined {
  return url.startsWith("https:") ? new URL(url).host : undefined;
}

/**
 * Refuses requests not addressed to this server: with the listen address in the env (as
 * `serveHttp` passes it), a `Host` that does not name it is 421. Any request whose `Origin` is
 * not the origin it was sent to is 403. Both apply to every path, probes included.
 */
export function addressCheck(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host") ?? authorityOverTls(c.req.url);
    const listen = listenOf(c.env);
    if (listen !== undefined && !addressedTo(host, listen)) {
      return problemResponse(421, misdirected(host, listen));
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && !sameOrigin(origin, host ?? new URL(c.req.url).host)) {
      return problemResponse(403, foreign(origin));
    }
    return await next();
  };
}
