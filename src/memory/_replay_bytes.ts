/**
 * `recordText` on a line's bytes: for a line `buildOccurrence` wrote, only its head (for the
 * id) and its record are decoded, not the ~1 KB of context in between that replay never reads.
 */
import { headId, recordText } from "./replay.ts";
import { asciiText } from "./_replay_scan_text.ts";

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

/** `,"record":{`, and how far its search may move on after each last byte (Horspool). */
const PATTERN = new Uint8Array([...KEY, OPEN]);
const SHIFT = new Uint8Array(256).fill(PATTERN.length);
for (let k = 0; k < PATTERN.length - 1; k++) SHIFT[PATTERN[k] as number] = PATTERN.length - 1 - k;

/** Where the line's first `,"record":{` has its `{`, or -1. */
function recordStart(buf: Uint8Array, from: number, to: number): number {
  const last = PATTERN.length - 1;
  for (let end = from + last; end < to; end += SHIFT[buf[end] as number] as number) {
    let k = last;
    while (k >= 0 && buf[end - last + k] === PATTERN[k]) k--;
    if (k < 0) return end;
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ascii = (s: string) => new TextEncoder().encode(s);
const ID = ascii('{"id":"');
const TIMESTAMP = ascii('","timestamp":"');
const VERSION_SOURCE = ascii('","protocol_version":"1.0","source":"');
const TYPE = ascii('","type":"deploy.run.');

/** Whether `buf` holds `bytes` at `at`. */
function holds(buf: Uint8Array, at: number, bytes: Uint8Array): boolean {
  for (let k = 0; k < bytes.length; k++) if (buf[at + k] !== bytes[k]) return false;
  return true;
}

/** Where the string value from `at` ends (its closing quote), or -1 at a backslash or `to`. */
function plainEnd(buf: Uint8Array, at: number, to: number): number {
  for (let i = at; i < to; i++) {
    const b = buf[i];
    if (b === QUOTE) return i;
    if (b === BACKSLASH) return -1;
  }
  return -1;
}

/** `headId` on the bytes `buf[from, to)`, not decoded: an ASCII id, else `undefined`. */
export function asciiHeadId(buf: Uint8Array, from: number, to: number): string | undefined {
  const idEnd = asciiHeadIdEnd(buf, from, to);
  return idEnd < 0 ? undefined : asciiText(buf, from + ID.length, idEnd);
}

/** Where the id {@linkcode asciiHeadId} reads ends (its closing quote), or -1 for none. */
function asciiHeadIdEnd(buf: Uint8Array, from: number, to: number): number {
  if (!holds(buf, from, ID)) return -1;
  const idEnd = plainEnd(buf, from + ID.length, to);
  if (idEnd <= from + ID.length || !holds(buf, idEnd, TIMESTAMP)) return -1;
  const stampEnd = plainEnd(buf, idEnd + TIMESTAMP.length, to);
  if (stampEnd < 0 || !holds(buf, stampEnd, VERSION_SOURCE)) return -1;
  const sourceEnd = plainEnd(buf, stampEnd + VERSION_SOURCE.length, to);
  if (sourceEnd < 0 || !holds(buf, sourceEnd, TYPE)) return -1;
  let i = sourceEnd + TYPE.length;
  while (i < to && ((buf[i] as number) >= 0x61 && (buf[i] as number) <= 0x7a || buf[i] === 0x5f)) {
    i++;
  }
  if (i === sourceEnd + TYPE.length || buf[i] !== QUOTE) return -1;
  for (let k = from + ID.length; k < idEnd; k++) if ((buf[k] as number) >= 0x80) return -1;
  return idEnd;
}

/** Where the record of the line `buf[from, to)` starts when the line ends in `}}}`, or -1. */
function lineRecordStart(buf: Uint8Array, from: number, to: number): number {
  const ends = to - from > KEY.length && buf[to - 1] === CLOSE && buf[to - 2] === CLOSE &&
    buf[to - 3] === CLOSE;
  return ends ? recordStart(buf, from, to) : -1;
}

/** Where a line's ASCII occurrence id is: its opening quote at `idAt`, its closing one at `idEnd`. */
export type IdSpan = { idAt: number; idEnd: number };

/** A line `buildOccurrence` wrote ({@linkcode recordSpan}); its id is made when asked for. */
export class RecordSpan implements IdSpan {
  constructor(
    readonly buf: Uint8Array,
    readonly start: number,
    readonly idAt: number,
    readonly idEnd: number,
  ) {}

  /** The occurrence id, from the line's bytes (read it before the buffer is reused). */
  get id(): string {
    return asciiText(this.buf, this.idAt + 1, this.idEnd);
  }
}

/**
 * The occurrence id of the line `buf[from, to)`, where its record starts (the record ends
 * two bytes before the line) and where the id's quotes are, for a line `buildOccurrence`
 * wrote with an ASCII id; `undefined` for any other line (`recordBytes` reads it).
 */
export function recordSpan(buf: Uint8Array, from: number, to: number): RecordSpan | undefined {
  const start = lineRecordStart(buf, from, to);
  const idEnd = start < 0 ? -1 : asciiHeadIdEnd(buf, from, start);
  return idEnd < 0 ? undefined : new RecordSpan(buf, start, from + ID.length - 1, idEnd);
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
  const start = lineRecordStart(buf, from, to);
  if (start < 0) return undefined;
  const quick = asciiHeadId(buf, from, start);
  if (quick !== undefined) {
    return { id: quick, json: lineText(buf, start, to - 2), bytes: [buf, start, to - 2] };
  }
  // Cut the head before a character's first byte: it decodes as the start of the whole text.
  let cut = Math.min(start, from + HEAD_BYTES);
  while (cut < start && ((buf[cut] as number) & 0xc0) === 0x80) cut++;
  const id = headId(lineText(buf, from, cut));
  // A head longer than the piece decoded: the whole line is read.
  if (id === undefined) return cut < start ? recordText(lineText(buf, from, to)) : undefined;
  return { id, json: lineText(buf, start, to - 2), bytes: [buf, start, to - 2] };
}
