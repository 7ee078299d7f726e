/** Addresses: loopback names, the `Host` header, and whether a request was addressed to us. */

/** Where the server listens; `serveHttp` hands it to the app with every request. */
export interface ListenAddress {
  /** The address listened on, as given (`127.0.0.1`, `localhost`, `::1`, `0.0.0.0`, ...). */
  hostname: string;
  /** The port listened on. */
  port: number;
}

/** The env `serveHttp` passes to `app.fetch`: how the app learns its own address. */
export interface ListenBindings {
  listen: ListenAddress;
}

/**
 * Whether a listen address only accepts connections from this machine.
 *
 * @example
 * ```ts
 * import { isLoopbackHost } from "./_address.ts";
 * import { equal } from "node:assert/strict";
 * equal(isLoopbackHost("127.0.0.1"), true);
 * equal(isLoopbackHost("0.0.0.0"), false);
 * ```
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A host as it appears in a URL: IPv6 addresses in brackets. */
export function urlHost(hostname: string): string {
  return hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
}

/** `name[:port]` of a Host header, or undefined when it is not one (userinfo, paths, junk). */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/**
 * Whether a `Host` header addresses a server listening on `listen`. On a loopback address the
 * name must be a loopback name or address and the port the one listened on (a missing port is
 * 80): a page that rebinds its own DNS name to 127.0.0.1 still sends its own name. Beyond
 * loopback the server is reached by names it cannot know, so any well-formed Host passes; the
 * API key guards it there.
 */
export function addressedTo(host: string | undefined, listen: ListenAddress): boolean {
  const match = HOST_HEADER.exec((host ?? "").trim().toLowerCase());
  if (match === null) return false;
  if (!isLoopbackHost(listen.hostname)) return true;
  const port = match[2] === undefined ? 80 : Number(match[2]);
  return isLoopbackHost(match[1] ?? "") && port === listen.port;
}

/**
 * Whether an `Origin` header names the origin the request was sent to (`http` or `https`, then
 * the request's host). Browsers send Origin on cross-site requests; `null` (sandboxed frames,
 * files) is never the server's own.
 */
export function sameOrigin(origin: string, host: string): boolean {
  const own = host.trim().toLowerCase();
  const given = origin.trim().toLowerCase();
  return given === `http://${own}` || given === `https://${own}`;
}
