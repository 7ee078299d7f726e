/** zod building blocks shared by the operations' schemas. */
import { z } from "zod";
import type { DeployStatus, Strategy } from "../deploys/mod.ts";
import { NopeaError } from "../shared/mod.ts";

/** A Nopea service name: a DNS-1123 label. */
export const serviceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
  message: "must be a DNS-1123 label: lowercase letters, digits and '-', at most 63",
}).describe('The service: a DNS-1123 label such as "payments"');

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
