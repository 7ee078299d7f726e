/** Fault knobs of the sandbox's HTTP door: rule shape, validation, and CLI flag parsing. */
import { NopeaError } from "../../shared/mod.ts";

/** The API verb a fault rule targets; `"*"` (or absent) matches every verb. */
export type FaultVerb =
  | "get"
  | "list"
  | "watch"
  | "create"
  | "update"
  | "patch"
  | "delete"
  | "*";

/** One fault rule; every matching resource request is subject to it. */
export interface FaultRule {
  /** The verb matched; absent or `"*"` matches every verb. */
  verb?: FaultVerb;
  /** Plural resource name (`deployments`), or `"*"`; absent matches every resource. */
  resource?: string;
  /** Added delay before the request is served. */
  latencyMs?: number;
  /** Share (0..1) of requests failing with 500 InternalError or 503 ServiceUnavailable. */
  errorRate?: number;
  /** Share (0..1) of requests failing with 429 TooManyRequests. */
  throttleRate?: number;
  /** `Retry-After` of throttled requests. @default {1} */
  retryAfterSeconds?: number;
  /** Share (0..1) of requests whose connection is dropped without an HTTP response. */
  dropRate?: number;
  /** Apply to the next `count` matching requests only, then expire. */
  count?: number;
  /** Fail every matching request with exactly this HTTP status (400..599). */
  status?: number;
}

/** Counts of injected faults since the server started. */
export interface FaultStats {
  /** Requests delayed by `latencyMs`. */
  latency: number;
  /** Requests failed with an injected status other than 429. */
  errors: number;
  /** Requests failed with 429. */
  throttles: number;
  /** Connections dropped. */
  drops: number;
}

/** Run-time control of the fault rules of a running sandbox server. */
export interface FaultController {
  /** Adds a rule after the existing ones. Throws `SPEC_INVALID` for an invalid rule. */
  add(rule: FaultRule): void;
  /** Removes every rule. */
  clear(): void;
  /** The active rules (with the remaining `count` of counted rules). */
  rules(): FaultRule[];
  /** Counts of injected faults. */
  stats(): FaultStats;
}

const VERBS: ReadonlySet<string> = new Set([
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "*",
]);
const RATES = ["errorRate", "throttleRate", "dropRate"] as const;

function invalid(message: string): NopeaError {
  return new NopeaError("SPEC_INVALID", `Cannot use fault rule: ${message}`, {
    hint:
      'Rates are 0..1, latencyMs and retryAfterSeconds >= 0, count >= 1, status 400..599, verb one of "get", "list", "watch", "create", "update", "patch", "delete", "*"',
  });
}

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * Validates an untrusted value as a {@linkcode FaultRule} (unknown fields are rejected).
 *
 * @throws {NopeaError} `SPEC_INVALID` when a field is missing its type or range
 *
 * @example Validate a rule read from JSON
 * ```ts
 * import { parseFaultRule } from "./faults.ts";
 * import { deepEqual, throws } from "node:assert/strict";
 * deepEqual(parseFaultRule({ verb: "get", count: 2, status: 503 }), { verb: "get", count: 2, status: 503 });
 * throws(() => parseFaultRule({ errorRate: 3 }));
 * ```
 */
export function parseFaultRule(value: unknown): FaultRule {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid("a rule must be a JSON object");
  }
  const raw = value as Record<string, unknown>;
  const known = new Set(["verb", "resource", "latencyMs", "retryAfterSeconds", "count", "status"]);
  for (const key of Object.keys(raw)) {
    if (!known.has(key) && !(RATES as readonly string[]).includes(key)) {
      throw invalid(`unknown field "${key}"`);
    }
  }
  const rule: FaultRule = {};
  if (raw.verb !== undefined) {
    if (typeof raw.verb !== "string" || !VERBS.has(raw.verb)) throw invalid(`verb "${raw.verb}"`);
    rule.verb = raw.verb as FaultVerb;
  }
  if (raw.resource !== undefined) {
    if (typeof raw.resource !== "string" || raw.resource === "") throw invalid("empty resource");
    rule.resource = raw.resource;
  }
  for (const key of RATES) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!isNumber(v) || v < 0 || v > 1) throw invalid(`${key} "${v}" is not between 0 and 1`);
    rule[key] = v;
  }
  for (const key of ["latencyMs", "retryAfterSeconds"] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!isNumber(v) || v < 0) throw invalid(`${key} "${v}" is not a number >= 0`);
    rule[key] = v;
  }
  if (raw.count !== undefined) {
    if (!Number.isInteger(raw.count) || (raw.count as number) < 1) {
      throw invalid(`count "${raw.count}" is not an integer >= 1`);
    }
    rule.count = raw.count as number;
  }
  if (raw.status !== undefined) {
    const s = raw.status;
    if (!Number.isInteger(s) || (s as number) < 400 || (s as number) > 599) {
      throw invalid(`status "${s}" is not an HTTP error status (400..599)`);
    }
    rule.status = s as number;
  }
  return rule;
}
