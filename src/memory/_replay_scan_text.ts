/**
 * Strings and times from a record's bytes for the replay's record scanner: ASCII text without a
 * decoder call, names that repeat (services, namespaces, statuses) made once, and the log time
 * of an ISO 8601 timestamp read from its digits.
 */
import { ISO_PATTERN, plainIsoMs } from "./_iso_ms.ts";

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

/**
 * `Date.parse` of the text `buf[from, to)` (printable ASCII): read from the digits when it is
 * `YYYY-MM-DDTHH:MM:SS.sssZ` with every part in its plain range (`plainIsoMs`), else by
 * `Date.parse` itself.
 */
export function isoTime(buf: Uint8Array, from: number, to: number): number {
  const plain = to - from === ISO_PATTERN.length
    ? plainIsoMs((k) => buf[from + k] as number)
    : undefined;
  return plain ?? Date.parse(asciiText(buf, from, to));
}
