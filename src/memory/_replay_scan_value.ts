/**
 * Any JSON value read as bytes, for the replay's record scanner (the parts of a record it only
 * checks: a resource's problems, an error, `prune`): where it ends, or -1 when the bytes there
 * are not one value `JSON.parse` accepts, or one nested deeper than {@linkcode MAX_DEPTH}.
 */
import { skipBoolean, skipNull, skipNumber, skipString } from "./_replay_scan_json.ts";

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Nesting the generic value check follows before it gives up. */
export const MAX_DEPTH = 32;

/**
 * The end of the array at `at` whose items each end where `item` says (-1: not one), or -1.
 */
export function skipArray(
  buf: Uint8Array,
  at: number,
  end: number,
  item: (buf: Uint8Array, at: number, end: number) => number,
): number {
  if (at >= end || buf[at] !== 0x5b) return -1;
  let i = at + 1;
  if (i < end && buf[i] === 0x5d) return i + 1;
  for (;;) {
    i = item(buf, i, end);
    if (i < 0 || i >= end) return -1;
    if (buf[i] === 0x5d) return i + 1;
    if (buf[i++] !== COMMA) return -1;
  }
}

function skipObject(buf: Uint8Array, at: number, end: number, depth: number): number {
  let i = at + 1;
  if (i < end && buf[i] === 0x7d) return i + 1;
  for (;;) {
    i = skipString(buf, i, end);
    if (i < 0 || i >= end || buf[i] !== COLON) return -1;
    i = skipValue(buf, i + 1, end, depth + 1);
    if (i < 0 || i >= end) return -1;
    if (buf[i] === 0x7d) return i + 1;
    if (buf[i++] !== COMMA) return -1;
  }
}

/** The end of any JSON value at `at` (no whitespace, at most `MAX_DEPTH` deep), or -1. */
export function skipValue(buf: Uint8Array, at: number, end: number, depth = 0): number {
  if (depth > MAX_DEPTH || at >= end) return -1;
  const b = buf[at];
  if (b === QUOTE) return skipString(buf, at, end);
  if (b === 0x7b) return skipObject(buf, at, end, depth);
  if (b === 0x5b) {
    return skipArray(buf, at, end, (buf, i, end) => skipValue(buf, i, end, depth + 1));
  }
  if (b === 0x74 || b === 0x66) return skipBoolean(buf, at, end);
  if (b === 0x6e) return skipNull(buf, at, end);
  return skipNumber(buf, at, end);
}
