/**
 * Strings and times from a record's bytes for the replay's record scanner: ASCII text without a
 * decoder call, names that repeat (services, namespaces, statuses) made once, and the log time
 * of an ISO 8601 timestamp read from its digits.
 */

/** Character codes, reused: a string made of them at once is flat (no chain of joins to hash). */
const codes: number[] = [];
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of the ASCII bytes `buf[from, to)`. */
export function asciiText(buf: Uint8Array, from: number, to: number): string {
  if (to - from > 512) return decoder.decode(buf.subarray(from, to));
  codes.length = to - from;
  for (let i = from; i < to; i++) codes[i - from] = buf[i] as number;
  return String.fromCharCode.apply(null, codes);
}

/** The text of the UTF-8 bytes `buf[from, to)`: ASCII without a decoder call. */
export function utf8Text(buf: Uint8Array, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    if ((buf[i] as number) >= 0x80) return decoder.decode(buf.subarray(from, to));
  }
  return asciiText(buf, from, to);
}

/** Names by a hash of their bytes: each repeated name is one string, made once. */
export class Interner {
  readonly #names = new Map<number, string>();

  /** The text of the printable ASCII bytes `buf[from, to)`, the same string each time. */
  get(buf: Uint8Array, from: number, to: number): string {
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ (buf[i] as number), 0x01000193);
    const known = this.#names.get(hash);
    if (known !== undefined && known.length === to - from) {
      let k = 0;
      while (k < known.length && known.charCodeAt(k) === buf[from + k]) k++;
      if (k === known.length) return known;
    }
    const name = asciiText(buf, from, to);
    if (this.#names.size >= 4096) this.#names.clear();
    this.#names.set(hash, name);
    return name;
  }
}

/** The number written by the ASCII digits `buf[from, to)` (checked to be digits). */
function digitsAt(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (buf[i] as number) - 0x30;
  return n;
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ` as a pattern: `0` a digit, else the byte itself. */
const ISO = new TextEncoder().encode("0000-00-00T00:00:00.000Z");

/** Whether `buf[from, from + 24)` is shaped `YYYY-MM-DDTHH:MM:SS.sssZ`. */
function isIsoShaped(buf: Uint8Array, from: number): boolean {
  for (let k = 0; k < ISO.length; k++) {
    const b = buf[from + k] as number;
    if (ISO[k] === 0x30 ? b < 0x30 || b > 0x39 : b !== ISO[k]) return false;
  }
  return true;
}

let lastDay = -1;
let lastDayStart = 0;

/** `Date.UTC(year, month - 1, day)`, the last one kept (a log's records mostly share a day). */
function dayStart(year: number, month: number, day: number): number {
  const key = (year * 100 + month) * 100 + day;
  if (key !== lastDay) {
    lastDay = key;
    lastDayStart = Date.UTC(year, month - 1, day);
  }
  return lastDayStart;
}

/**
 * `Date.parse` of the text `buf[from, to)` (printable ASCII): read from the digits when it is
 * `YYYY-MM-DDTHH:MM:SS.sssZ` with every part in its plain range (1970 on, days up to 28),
 * else by `Date.parse` itself.
 */
export function isoTime(buf: Uint8Array, from: number, to: number): number {
  if (to - from === ISO.length && isIsoShaped(buf, from)) {
    const year = digitsAt(buf, from, from + 4);
    const month = digitsAt(buf, from + 5, from + 7);
    const day = digitsAt(buf, from + 8, from + 10);
    const hour = digitsAt(buf, from + 11, from + 13);
    const minute = digitsAt(buf, from + 14, from + 16);
    const second = digitsAt(buf, from + 17, from + 19);
    if (
      year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 &&
      minute <= 59 && second <= 59
    ) {
      const ms = digitsAt(buf, from + 20, from + 23);
      return dayStart(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
    }
  }
  return Date.parse(asciiText(buf, from, to));
}
