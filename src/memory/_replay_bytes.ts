/**
 * `recordText` on a line's bytes: for a line `buildOccurrence` wrote, only its head (for the
 * id) and its record are decoded, not the ~1 KB of context in between that replay never reads.
 */
import { headId, recordText } from "./replay.ts";

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
/** `,"record":` (before the record's `{`), as `recordText` looks for it. */
const KEY = new TextEncoder().encode(',"record":');
/** Bytes decoded to find the head `recordText` checks (ours take about 130). */
const HEAD_BYTES = 192;

/** BOM kept, as a line inside a chunk is decoded. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The text of the line `buf[from, to)`. */
export function lineText(buf: Uint8Array, from: number, to: number): string {
  return decoder.decode(buf.subarray(from, to));
}

/** Where the line's first `,"record":{` has its `{`, or -1. */
function recordStart(buf: Uint8Array, from: number, to: number): number {
  for (let at = buf.indexOf(OPEN, from + KEY.length); at >= 0 && at < to;) {
    let k = KEY.length;
    while (k > 0 && buf[at - KEY.length + k - 1] === KEY[k - 1]) k--;
    if (k === 0) return at;
    at = buf.indexOf(OPEN, at + 1);
  }
  return -1;
}

/** What `recordText` gives, and where the record's JSON text is in the buffer when known. */
export interface RecordBytes {
  id: string;
  json: string;
  bytes?: [buf: Uint8Array, from: number, to: number];
}

/**
 * What `recordText` gives for the line `buf[from, to)` (the occurrence id and the record's
 * JSON text, or `undefined`), decoding only what it reads. The line ends in `}}}` and holds
 * `,"record":{` exactly when its text does (those bytes are ASCII: never inside a character).
 */
export function recordBytes(buf: Uint8Array, from: number, to: number): RecordBytes | undefined {
  const ends = to - from > KEY.length && buf[to - 1] === CLOSE && buf[to - 2] === CLOSE &&
    buf[to - 3] === CLOSE;
  const start = ends ? recordStart(buf, from, to) : -1;
  if (start < 0) return undefined;
  // Cut the head before a character's first byte: it decodes as the start of the whole text.
  let cut = Math.min(start, from + HEAD_BYTES);
  while (cut < start && ((buf[cut] as number) & 0xc0) === 0x80) cut++;
  const id = headId(lineText(buf, from, cut));
  // A head longer than the piece decoded: the whole line is read.
  if (id === undefined) return cut < start ? recordText(lineText(buf, from, to)) : undefined;
  return { id, json: lineText(buf, start, to - 2), bytes: [buf, start, to - 2] };
}
