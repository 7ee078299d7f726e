/**
 * What keeps other sites out: requests must be addressed to this server (`Host`, 421), come from
 * no other origin (`Origin`, 403), and send bodies as JSON (`content-type`, 415).
 */
import type { MiddlewareHandler } from "hono";
import type { ErrorBody } from "../shared/mod.ts";
import { addressedTo, type ListenAddress, sameOrigin, urlHost } from "./_address.ts";
import { excerpt } from "./_excerpt.ts";

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
 * Refuses requests not addressed to this server: with the listen address in the env (as
 * `serveHttp` passes it), a `Host` that does not name it is 421. Any request whose `Origin` is
 * not the origin it was sent to is 403. Both apply to every path, probes included.
 */
export function addressCheck(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header("host");
    const listen = listenOf(c.env);
    if (listen !== undefined && !addressedTo(host, listen)) {
      return c.json(misdirected(host, listen), 421);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && !sameOrigin(origin, host ?? new URL(c.req.url).host)) {
      return c.json(foreign(origin), 403);
    }
    return await next();
  };
}

/** Whether a request carries a body (a bodiless POST, e.g. promote, needs no content-type). */
function hasBody(request: Request): boolean {
  return request.body !== null && request.headers.get("content-length") !== "0";
}

function isJson(type: string | undefined): boolean {
  return (type ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

function unsupported(type: string | undefined): ErrorBody {
  const given = type === undefined ? "no content-type" : `content-type ${excerpt(type)}`;
  return {
    code: "SPEC_INVALID",
    message: `Unsupported media type: a request body must be JSON, got ${given}`,
    hint: "Send the body as a JSON object with the header content-type: application/json",
  };
}

/**
 * Refuses a body that is not declared `application/json` with 415: forms and `text/plain`, the
 * bodies a web page may send to another site without asking it first, never reach an operation.
 */
export function jsonBodyCheck(): MiddlewareHandler {
  return async (c, next) => {
    if (!hasBody(c.req.raw)) return await next();
    const type = c.req.header("content-type");
    if (!isJson(type)) return c.json(unsupported(type), 415);
    return await next();
  };
}
