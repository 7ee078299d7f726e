/**
 * `Date.parse` for the times deploy records hold, fast: a time in the form `toISOString` writes
 * (`YYYY-MM-DDTHH:MM:SS.sssZ`) with every part in its plain range (1970 on, days up to 28) is
 * computed from its digits, the day's start kept from the last call (a log's records mostly
 * share a day); anything else goes through `Date.parse`. The same number either way. The replay's
 * record scanner reads the same form from bytes (`isoTime` in `_replay_scan_text.ts`) through
 * {@linkcode plainIsoMs}.
 */

/** `YYYY-MM-DDTHH:MM:SS.sssZ` as a pattern: `0` a digit, else the character itself. */
export const ISO_PATTERN = "0000-00-00T00:00:00.000Z";
const PATTERN = [...ISO_PATTERN].map((c) => c.charCodeAt(0));
const DIGIT = 0x30;

let lastDay = -1;
let lastDayStart = 0;

/** `Date.UTC(year, month - 1, day)`, the last one kept. */
function dayStart(year: number, month: number, day: number): number {
  const key = (year * 100 + month) * 100 + day;
  if (key !== lastDay) {
    lastDay = key;
    lastDayStart = Date.UTC(year, month - 1, day);
  }
  return lastDayStart;
}

/**
 * The time of `YYYY-MM-DDTHH:MM:SS.sssZ` whose 24 character codes `code(0…23)` gives, when it
 * has that shape and every part is in its plain range; `undefined` otherwise (`Date.parse`
 * decides then).
 */
export function plainIsoMs(code: (k: number) => number): number | undefined {
  for (let k = 0; k < PATTERN.length; k++) {
    const c = code(k);
    if (PATTERN[k] === DIGIT ? c < DIGIT || c > DIGIT + 9 : c !== PATTERN[k]) return undefined;
  }
  const num = (from: number, to: number) => {
    let n = 0;
    for (let k = from; k < to; k++) n = n * 10 + code(k) - DIGIT;
    return n;
  };
  const year = num(0, 4), month = num(5, 7), day = num(8, 10);
  const hour = num(11, 13), minute = num(14, 16), second = num(17, 19);
  if (
    year < 1970 || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 ||
    second > 59
  ) return undefined;
  return dayStart(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000 + num(20, 23);
}

/**
 * `Date.parse(s)`, the same number, faster for a time `toISOString` wrote.
 *
 * @example
 * ```ts
 * import { isoMs } from "./_iso_ms.ts";
 * import { equal } from "node:assert/strict";
 * equal(isoMs("2026-01-01T00:01:00.000Z"), Date.parse("2026-01-01T00:01:00.000Z"));
 * ```
 */
export function isoMs(s: string): number {
  if (s.length !== PATTERN.length) return Date.parse(s);
  return plainIsoMs((k) => s.charCodeAt(k)) ?? Date.parse(s);
}
