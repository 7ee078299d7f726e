/** The `x-api-key` check: SHA-256 of both keys compared in constant time. */
import { sha256 } from "@noble/hashes/sha2.js";
import type { MiddlewareHandler } from "hono";
import type { ErrorBody } from "../shared/mod.ts";

const encoder = new TextEncoder();

/** Whether `given` equals the key whose SHA-256 is `expected`, in time independent of both. */
export function matchesKey(given: string, expected: Uint8Array): boolean {
  const digest = sha256(encoder.encode(given));
  let difference = digest.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (digest[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

const HINT = "Send the server's key in the x-api-key header: its NOPEA_API_KEY, or the key in " +
  "the api-key file of its memory directory (nopea serve prints where, e.g. .nopea/api-key)";

const MISSING: ErrorBody = {
  code: "SPEC_INVALID",
  message: "Missing x-api-key header: this Nopea server requires an API key",
  hint: HINT,
};

const WRONG: ErrorBody = {
  code: "SPEC_INVALID",
  message: "Wrong API key in the x-api-key header",
  hint: HINT,
};

/**
 * Refuses requests without the key (401) or with another key (403), except on the `open`
 * paths (probes and metrics). Without a key configured every request passes.
 */
export function apiKeyCheck(
  apiKey: string | undefined,
  open: ReadonlySet<string>,
): MiddlewareHandler {
  const expected = apiKey ? sha256(encoder.encode(apiKey)) : undefined;
  return async (c, next) => {
    if (expected === undefined || open.has(c.req.path)) return await next();
    const given = c.req.header("x-api-key");
    if (given === undefined) return c.json(MISSING, 401);
    if (!matchesKey(given, expected)) return c.json(WRONG, 403);
    return await next();
  };
}
