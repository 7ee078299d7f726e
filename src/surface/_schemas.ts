/** zod building blocks shared by the operations' schemas. */
import { z } from "zod";
import type { DeployStatus, Strategy } from "../deploys/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** A Nopea service name: a DNS-1123 label. */
export const serviceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
  message: "must be a DNS-1123 label: lowercase letters, digits and '-', at most 63",
}).describe('The service: a DNS-1123 label such as "payments"');

/** A deploy id: a ULID, 26 characters of Crockford base32 in upper case. */
export const DEPLOY_ID: RegExp = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A DNS-1123 label, the shape of service names. */
export const DNS_1123_LABEL: RegExp = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * A short, escaped excerpt of an untrusted value for an error message: at most `max` characters,
 * control and non-ASCII characters escaped, and the full length when it was cut.
 *
 * @example
 * ```ts
 * import { excerpt } from "./_schemas.ts";
 * import { equal } from "node:assert/strict";
 * equal(excerpt("a\u0000b"), '"a\\u0000b"');
 * equal(excerpt("x".repeat(100), 4), '"xxxx…" (100 characters)');
 * ```
 */
export function excerpt(value: unknown, max = 32): string {
  const text = typeof value === "string" ? value : String(value);
  const cut = [...text].slice(0, max).join("");
  const quoted = JSON.stringify(cut).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return cut.length < text.length ? `${quoted.slice(0, -1)}…" (${text.length} characters)` : quoted;
}

/**
 * A string checked against `pattern`; a mismatch says `must` and quotes a short, escaped excerpt
 * of what was given (never the whole value). The pattern stays in the JSON schema.
 */
export function patterned(pattern: RegExp, must: string): z.ZodString {
  return z.string({
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_string"
        ? `${must}; got ${excerpt(ctx.data)}`
        : ctx.defaultError,
    }),
  }).regex(pattern);
}

/** A deploy id (a ULID), checked with a short excerpt in the error. */
export const deployId: z.ZodString = patterned(
  DEPLOY_ID,
  "must be a deploy id (a 26-character ULID such as 01JB8ZQX7F6T4W2C9N3K5M1RVA)",
);

/** A namespace name. */
export const namespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
  message: "must be a DNS-1123 label",
});

/** A strategy. */
export const strategy = z.enum(
  ["direct", "canary", "blue_green"] as const satisfies readonly Strategy[],
);

/** A deploy status. */
export const deployStatus = z.enum(
  [
    "completed",
    "failed",
    "rolledback",
    "progressing",
    "refused",
  ] as const satisfies readonly DeployStatus[],
);

/** Pagination of list operations. */
export const page = {
  limit: z.number().int().min(1).max(200).optional().describe(
    "At most this many items (default 20)",
  ),
  cursor: z.string().optional().describe("The nextCursor of a previous page"),
};

/** Encodes an offset as an opaque cursor. */
export function cursorOf(offset: number): string {
  return btoa(JSON.stringify({ o: offset }));
}

/** Decodes a cursor. @throws {NopeaError} `SPEC_INVALID` for a cursor Nopea did not make */
export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const o = (JSON.parse(atob(cursor)) as { o?: unknown }).o;
    if (typeof o === "number" && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the error below
  }
  throw new NopeaError("SPEC_INVALID", `Invalid cursor "${cursor}"`, {
    hint: "Pass the nextCursor of the previous page unchanged, or no cursor for the first page",
  });
}

/** Slices a list by limit and cursor, with the next cursor when more remain. */
export function paginate<T>(
  items: readonly T[],
  limit = 20,
  cursor?: string,
): { items: T[]; nextCursor?: string } {
  const start = offsetOf(cursor);
  const slice = items.slice(start, start + limit);
  const next = start + slice.length;
  return { items: slice, ...(next < items.length ? { nextCursor: cursorOf(next) } : {}) };
}

/** A passthrough object: the documented keys are checked, others kept. */
export const loose = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough();
