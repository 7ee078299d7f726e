/**
 * Authentication: the key from `x-api-key` or `Authorization: Bearer`, SHA-256 of both keys
 * compared in constant time, and the scope it grants (a read-only key or the deploy key).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import type { Context, MiddlewareHandler } from "hono";
import type { ErrorBody } from "../shared/mod.ts";
import { excerpt } from "./_excerpt.ts";
import { problemResponse } from "./problem.ts";

/** What a key may do: `read` runs read-only operations, `deploy` everything. */
export type KeyScope = "read" | "deploy";

/** The keys a server accepts; without either, every request passes with the deploy scope. */
export interface ApiKeys {
  /** The deploy key: every route. */
  deploy?: string | undefined;
  /** The read-only key: read-only operations, /mcp with read-only tools, the API document. */
  read?: string | undefined;
}

const encoder = new TextEncoder();
const REALM = 'Bearer realm="nopea"';
/** The scope of each request being answered, by its hono context (one per request). */
const scopes = new WeakMap<Context, KeyScope>();

/** Whether `given` equals the key whose SHA-256 is `expected`, in time independent of both. */
export function matchesKey(given: string, expected: Uint8Array): boolean {
  const digest = sha256(encoder.encode(given));
  let difference = digest.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (digest[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

const HINT = "Send the server's key as Authorization: Bearer <key> or in the x-api-key header: " +
  "its NOPEA_API_KEY (or NOPEA_READ_API_KEY to read only), or the key in the api-key file of " +
  "its memory directory (nopea serve prints where, e.g. .nopea/api-key)";

function refusal(message: string): ErrorBody {
  return { code: "SPEC_INVALID", message, hint: HINT };
}

/** The key a request sends, or the refusal of its Authorization header. */
function givenKey(c: Context): string | ErrorBody | undefined {
  const header = c.req.header("x-api-key");
  if (header !== undefined) return header;
  const authorization = c.req.header("authorization");
  if (authorization === undefined) return undefined;
  const bearer = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization);
  if (bearer?.[1] !== undefined) return bearer[1];
  const scheme = excerpt(authorization.split(" ")[0] ?? "", 16);
  return refusal(`Unsupported Authorization header: expected "Bearer <key>", got scheme ${scheme}`);
}

/** The scope a request's key was granted: deploy when the server has no key, else read. */
export function scopeOf(c: Context): KeyScope {
  return scopes.get(c) ?? "read";
}

/**
 * Refuses requests without a key or with an unknown one (401 with `WWW-Authenticate`), except
 * on the `open` paths (probes and metrics); records the scope the key grants for
 * {@linkcode requireScope}. Without keys configured every request passes.
 */
export function apiKeyCheck(keys: ApiKeys, open: ReadonlySet<string>): MiddlewareHandler {
  const deploy = keys.deploy ? sha256(encoder.encode(keys.deploy)) : undefined;
  const read = keys.read ? sha256(encoder.encode(keys.read)) : undefined;
  return async (c, next) => {
    if (deploy === undefined && read === undefined) scopes.set(c, "deploy");
    if ((deploy === undefined && read === undefined) || open.has(c.req.path)) return await next();
    const given = givenKey(c);
    if (given === undefined) {
      const missing = refusal("Missing API key: this Nopea server requires one");
      return problemResponse(401, missing, { "www-authenticate": REALM });
    }
    if (typeof given !== "string") {
      return problemResponse(401, given, { "www-authenticate": REALM });
    }
    const deployMatch = deploy !== undefined && matchesKey(given, deploy);
    const readMatch = read !== undefined && matchesKey(given, read);
    if (!deployMatch && !readMatch) {
      return problemResponse(401, refusal("Wrong API key: the server has no such key"), {
        "www-authenticate": `${REALM}, error="invalid_token"`,
      });
    }
    scopes.set(c, deployMatch ? "deploy" : "read");
    return await next();
  };
}

/**
 * The 403 answer when the request's key does not grant `needed` (for `action`, e.g. "deploy"),
 * else undefined.
 */
export function requireScope(c: Context, needed: KeyScope, action: string): Response | undefined {
  if (needed === "read" || scopeOf(c) === "deploy") return undefined;
  const body: ErrorBody = {
    code: "SPEC_INVALID",
    message: `Insufficient scope: the read-only key may not ${action}`,
    hint: "Send the deploy key (NOPEA_API_KEY, or the api-key file of the server's memory " +
      "directory) for operations that change the cluster",
  };
  return problemResponse(403, body, {
    "www-authenticate": `${REALM}, error="insufficient_scope", scope="deploy"`,
  });
}
