/** Durations as users write them: `500ms`, `30s`, `5m`, `1h30m`. */
import { NopeaError } from "./errors.ts";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration such as `500ms`, `30s`, `5m`, `1h30m` or a plain number of seconds.
 *
 * @example
 * ```ts
 * import { parseDuration } from "./duration.ts";
 * import { equal } from "node:assert/strict";
 * equal(parseDuration("1m30s", "--timeout"), 90_000);
 * ```
 */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    throw new NopeaError("SPEC_INVALID", `Invalid ${flag} "${value}": expected a duration`, {
      hint: `Use a number with a unit, for example ${flag} 30s, 5m or 1h30m`,
    });
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * (UNITS[p[2] ?? "s"] ?? 1000), 0));
}
