/**
 * The web view's key check. With API keys configured, a browser asks for one once (the login
 * form) and then holds a session cookie (HttpOnly, SameSite=Strict, gone when the browser
 * closes); programs may send the key as `x-api-key` or `Authorization: Bearer` instead. The
 * read-only key shows every page but runs no action. Without keys everything passes.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import { type Html, page } from "./_layout.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "nopea_session";

/** What a key allows: every page (`read`), or the actions too (`deploy`). */
export type WebScope = "read" | "deploy";

/** The server's keys: the deploy key and the read-only one. */
export interface WebKeys {
  deploy?: string | undefined;
  read?: string | undefined;
}

/** Sessions remembered at most; the oldest is forgotten first. */
const MAX_SESSIONS = 256;

const encoder = new TextEncoder();
const digestOf = (text: string) => sha256(encoder.encode(text));

/** Whether `given` is the key whose SHA-256 is `expected`, in time independent of both. */
function sameDigest(given: string, expected: Uint8Array): boolean {
  const digest = digestOf(given);
  let difference = digest.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (digest[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

/** The key a program sent: `x-api-key`, else `Authorization: Bearer <key>`. */
function sentKey(c: Context): string | undefined {
  const bearer = /^Bearer +(\S+) *$/i.exec(c.req.header("authorization") ?? "");
  return c.req.header("x-api-key") ?? bearer?.[1];
}

/** The key check of the web view. */
export interface WebSessions {
  /** Whether a key is configured at all. */
  readonly required: boolean;
  /** What the request may do: from its session cookie or the key it sent; undefined: nothing. */
  scopeOf(c: Context): WebScope | undefined;
  /** Starts a session when `key` is one of the server's (sets the cookie); false otherwise. */
  login(c: Context, key: string): boolean;
}

/** The sessions of a server with these keys (none: every request may do everything). */
export function webSessions(keys: WebKeys): WebSessions {
  const expected: [WebScope, Uint8Array][] = [];
  if (keys.deploy) expected.push(["deploy", digestOf(keys.deploy)]);
  if (keys.read) expected.push(["read", digestOf(keys.read)]);
  const sessions: { digest: Uint8Array; scope: WebScope }[] = [];
  const scopeOfKey = (key: string) => expected.find(([, digest]) => sameDigest(key, digest))?.[0];
  return {
    required: expected.length > 0,
    scopeOf(c) {
      if (expected.length === 0) return "deploy";
      const key = sentKey(c);
      if (key !== undefined) return scopeOfKey(key);
      const token = getCookie(c, SESSION_COOKIE);
      return token === undefined
        ? undefined
        : sessions.find((s) => sameDigest(token, s.digest))?.scope;
    },
    login(c, key) {
      if (expected.length === 0) return true;
      const scope = scopeOfKey(key);
      if (scope === undefined) return false;
      const token = [...crypto.getRandomValues(new Uint8Array(32))]
        .map((b) => b.toString(16).padStart(2, "0")).join("");
      sessions.push({ digest: digestOf(token), scope });
      if (sessions.length > MAX_SESSIONS) sessions.shift();
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Strict", path: "/" });
      return true;
    },
  };
}

/** The login page: asks once for a key; `wrong` says the last one was not the server's. */
export function loginPage(next: string | undefined, wrong: boolean): Html {
  return page(
    "Log in",
    html`
      <h1>This Nopea server needs its key</h1>
      ${wrong
        ? html`<p role="alert" class="warning">That is not the server's key. Try again.</p>`
        : ""}
      <form method="post" action="/ui/login" class="login">
        <input type="hidden" name="next" value="${next ?? "/"}">
        <label>API key <input type="password" name="key" autocomplete="current-password" required
      autofocus></label>
        <button type="submit">Log in</button>
      </form>
      <p class="hint">The key is NOPEA_API_KEY of the server, or the one in the api-key file of its
      memory directory (nopea serve prints where). It is kept for this browser session only.</p>
    `,
  );
}
