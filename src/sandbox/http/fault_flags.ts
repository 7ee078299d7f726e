/** Turns `nopea sandbox` fault flags into fault rules. */
import { NopeaError } from "../../shared/mod.ts";
import { type FaultRule, parseFaultRule } from "./faults.ts";

/** Fault flags as the CLI reads them (strings from argv, or numbers). */
export interface FaultFlags {
  /** Added latency: `"200ms"`, `"1.5s"`, or a number of milliseconds. */
  latency?: string | number;
  /** Share of 5xx answers: `"0.1"` or `"10%"`. */
  errorRate?: string | number;
  /** Share of 429 answers: `"0.1"` or `"10%"`. */
  throttleRate?: string | number;
  /** Share of dropped connections: `"0.1"` or `"10%"`. */
  dropRate?: string | number;
  /** Restrict the faults to one verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`). */
  verb?: string;
  /** Restrict the faults to one plural resource (`deployments`). */
  resource?: string;
}

const FLAG_NAMES = {
  latency: "--latency",
  errorRate: "--error-rate",
  throttleRate: "--throttle-rate",
  dropRate: "--drop-rate",
} as const;

function flagError(flag: string, value: unknown, expected: string): NopeaError {
  return new NopeaError("SPEC_INVALID", `Cannot parse ${flag} "${value}": expected ${expected}`, {
    hint: `Pass ${flag} like ${flag === "--latency" ? '"200ms" or "1s"' : '"0.1" or "10%"'}`,
  });
}

function parseLatency(value: string | number): number {
  if (typeof value === "number") return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value);
  if (!m) throw flagError("--latency", value, 'a duration such as "200ms" or "1s"');
  const n = Number(m[1]);
  const unit = m[2] ?? "ms";
  return unit === "ms" ? n : unit === "s" ? n * 1000 : n * 60_000;
}

function parseRate(key: keyof typeof FLAG_NAMES, value: string | number): number {
  const flag = FLAG_NAMES[key];
  if (typeof value === "number") return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/.exec(value);
  if (!m) throw flagError(flag, value, "a rate between 0 and 1, or a percentage");
  const rate = m[2] ? Number(m[1]) / 100 : Number(m[1]);
  if (rate > 1) throw flagError(flag, value, "a rate between 0 and 1, or a percentage");
  return rate;
}

/**
 * Builds the fault rules of the `nopea sandbox` flags: none when no knob is set,
 * otherwise one rule carrying every knob (restricted by `verb` and `resource`).
 *
 * @throws {NopeaError} `SPEC_INVALID` when a flag does not parse
 *
 * @example Flags of `nopea sandbox --latency 200ms --error-rate 10% --verb patch`
 * ```ts
 * import { parseFaultFlags } from "./fault_flags.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(parseFaultFlags({ latency: "200ms", errorRate: "10%", verb: "patch" }), [
 *   { latencyMs: 200, errorRate: 0.1, verb: "patch" },
 * ]);
 * ```
 */
export function parseFaultFlags(flags: FaultFlags): FaultRule[] {
  const raw: Record<string, unknown> = {};
  if (flags.latency !== undefined) raw.latencyMs = parseLatency(flags.latency);
  for (const key of ["errorRate", "throttleRate", "dropRate"] as const) {
    const value = flags[key];
    if (value !== undefined) raw[key] = parseRate(key, value);
  }
  if (Object.keys(raw).length === 0) return [];
  if (flags.verb !== undefined) raw.verb = flags.verb;
  if (flags.resource !== undefined) raw.resource = flags.resource;
  return [parseFaultRule(raw)];
}
