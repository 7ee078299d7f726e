/**
 * JSON read as bytes, for the replay's record scanner: each function takes the bytes `buf`,
 * where a value starts and where the text ends, and returns where the value ends (just after
 * it), or -1 when the bytes there are not one JSON value of that kind (or are one the scanner
 * does not vouch for: whitespace). A value they
 * accept is one `JSON.parse` accepts; bytes of 0x80 and above are passed over, as UTF-8 never
 * hides an ASCII byte inside a character.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** The bytes that may follow a backslash (`u` apart), and the hex digits. */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];

/** Bytes a JSON string holds as they are (not a quote, a backslash or a control character). */
const AS_IS = new Uint8Array(256).fill(1, 0x20);
AS_IS[QUOTE] = AS_IS[BACKSLASH] = 0;
/** The same, printable ASCII only. */
const PLAIN = AS_IS.map((v, b) => b > 0x7e ? 0 : v);

/** The end of the JSON string at `at` (any valid escapes), or -1. */
export function skipString(buf: Uint8Array, at: number, end: number): number {
  if (at >= end || buf[at] !== QUOTE) return -1;
  for (let i = at + 1; i < end; i++) {
    while (i < end && AS_IS[buf[i] as number] === 1) i++;
    const b = buf[i];
    if (b === QUOTE) return i < end ? i + 1 : -1;
    if (b !== BACKSLASH) return -1;
    const e = buf[++i] as number;
    if (e === 0x75) {
      if (i + 4 >= end) return -1;
      for (let k = 1; k <= 4; k++) if (HEX[buf[i + k] as number] !== 1) return -1;
      i += 4;
    } else if (ESCAPE[e] !== 1) return -1;
  }
  return -1;
}

/**
 * The end of the string at `at` when it is printable ASCII with no escape (its text is then
 * its bytes, one character each), or -1.
 */
export function plainString(buf: Uint8Array, at: number, end: number): number {
  if (at >= end || buf[at] !== QUOTE) return -1;
  let i = at + 1;
  while (i < end && PLAIN[buf[i] as number] === 1) i++;
  return i < end && buf[i] === QUOTE ? i + 1 : -1;
}

function digits(buf: Uint8Array, at: number, end: number): number {
  let i = at;
  while (i < end && (buf[i] as number) >= 0x30 && (buf[i] as number) <= 0x39) i++;
  return i;
}

/** The byte at `i`, or -1 at or past `end`. */
function byteAt(buf: Uint8Array, i: number, end: number): number {
  return i < end ? buf[i] as number : -1;
}

/** The end of the JSON number at `at` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
export function skipNumber(buf: Uint8Array, at: number, end: number): number {
  let i = byteAt(buf, at, end) === 0x2d ? at + 1 : at;
  if (byteAt(buf, i, end) === 0x30) i++;
  else if (digits(buf, i, end) === i) return -1;
  else i = digits(buf, i, end);
  if (byteAt(buf, i, end) === 0x2e) {
    const after = digits(buf, i + 1, end);
    if (after === i + 1) return -1;
    i = after;
  }
  const e = byteAt(buf, i, end);
  if (e === 0x65 || e === 0x45) {
    const sign = byteAt(buf, i + 1, end);
    if (sign === 0x2b || sign === 0x2d) i++;
    const after = digits(buf, i + 1, end);
    if (after === i + 1) return -1;
    i = after;
  }
  return i;
}

/** The end of `word` (`true`, `false`, `null`) at `at`, or -1. */
function skipWord(buf: Uint8Array, at: number, end: number, word: number[]): number {
  if (at + word.length > end) return -1;
  for (let k = 0; k < word.length; k++) if (buf[at + k] !== word[k]) return -1;
  return at + word.length;
}

/** The end of the literal `null` at `at`, or -1. */
export function skipNull(buf: Uint8Array, at: number, end: number): number {
  return skipWord(buf, at, end, [0x6e, 0x75, 0x6c, 0x6c]);
}

/** The end of the literal `true` or `false` at `at`, or -1. */
export function skipBoolean(buf: Uint8Array, at: number, end: number): number {
  return buf[at] === 0x74 ? skipWord(buf, at, end, TRUE) : skipWord(buf, at, end, FALSE);
}

/** The end of an array of strings at `at` (`plain`: each a {@linkcode plainString}), or -1. */
export function skipStrings(buf: Uint8Array, at: number, end: number, plain: boolean): number {
  if (at >= end || buf[at] !== 0x5b) return -1;
  let i = at + 1;
  if (i < end && buf[i] === 0x5d) return i + 1;
  for (;;) {
    i = plain ? plainString(buf, i, end) : skipString(buf, i, end);
    if (i < 0 || i >= end) return -1;
    if (buf[i] === 0x5d) return i + 1;
    if (buf[i++] !== COMMA) return -1;
  }
}
