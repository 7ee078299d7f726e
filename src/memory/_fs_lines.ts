/** Splits the log into lines from a byte offset: chunked reads, lines that span chunks, byte positions. */
import type { LogPosition, OnLine } from "./_fs_log.ts";

const NL = 0x0a;
const CHUNK = 1 << 21;

/** Called for each complete line: the buffer holding it, its bytes `[from, to)` (no newline), its number and where it starts in the file. */
export type OnLineBytes = (
  buf: Uint8Array,
  from: number,
  to: number,
  lineNo: number,
  offset: number,
) => void;

/**
 * Reads the file from `from` to its last newline in chunks, calling `onChunk` with each piece
 * of whole lines (`buf[0, end)`, `buf[end]` a newline) and `afterChunk` after each; returns
 * where it stopped and the bytes after the last newline. One buffer serves every read: the
 * start of a line a chunk cuts is moved to its front and the next read fills in after it.
 */
async function eachChunk(
  file: Deno.FsFile,
  from: LogPosition,
  size: number,
  onChunk: (buf: Uint8Array, end: number, at: LogPosition) => number,
  afterChunk?: () => Promise<void>,
): Promise<{ offset: number; lines: number; tail: number }> {
  let { offset, lines } = from;
  let buf = new Uint8Array(Math.min(CHUNK, Math.max(size - offset, 1)));
  let carried = 0;
  await file.seek(offset, Deno.SeekMode.Start);
  for (;;) {
    if (carried === buf.length) {
      const grown = new Uint8Array(buf.length * 2);
      grown.set(buf);
      buf = grown;
    }
    const n = await file.read(buf.subarray(carried));
    if (n === null || n === 0) break;
    const filled = carried + n;
    const last = buf.lastIndexOf(NL, filled - 1);
    if (last < carried) {
      carried = filled;
      continue;
    }
    lines = onChunk(buf.subarray(0, filled), last, { offset, lines });
    offset += last + 1;
    buf.copyWithin(0, last + 1, filled);
    carried = filled - last - 1;
    if (afterChunk) await afterChunk();
  }
  return { offset, lines, tail: carried };
}

/**
 * Calls `onLine` for every complete line from `from` to the last newline of the file (of
 * `size` bytes) that is not blank, and `afterChunk` after each piece read; returns where it
 * stopped and the bytes after the last newline.
 */
export function scan(
  file: Deno.FsFile,
  from: LogPosition,
  size: number,
  onLine: OnLine,
  afterChunk?: () => Promise<void>,
): Promise<{ offset: number; lines: number; tail: number }> {
  const decoder = new TextDecoder();
  return eachChunk(file, from, size, (buf, end, at) => {
    return emit(buf, end, decoder.decode(buf.subarray(0, end)), at, onLine);
  }, afterChunk);
}

/** {@linkcode scan} without decoding: `onLine` gets every line's bytes, blank ones too. */
export function scanBytes(
  file: Deno.FsFile,
  from: LogPosition,
  size: number,
  onLine: OnLineBytes,
  afterChunk?: () => Promise<void>,
): Promise<{ offset: number; lines: number; tail: number }> {
  return eachChunk(file, from, size, (buf, end, { offset, lines }) => {
    const words = buf.byteOffset % 4 === 0
      ? new Uint32Array(buf.buffer, buf.byteOffset, buf.length >> 2)
      : undefined;
    for (let at = 0; at <= end;) {
      const nl = words ? newlineFrom(buf, words, at) : buf.indexOf(NL, at);
      onLine(buf, at, nl, ++lines, offset + at);
      at = nl + 1;
    }
    return lines;
  }, afterChunk);
}

/** Each byte of a word a newline: a word XOR this has a zero byte where `buf` has a newline. */
const NL_WORD = 0x0a0a0a0a;

/**
 * Where the first newline at or after `from` is in `buf` (or -1), testing four bytes at a time
 * (`words`: the same bytes as 32-bit words); a word holds a zero byte exactly when
 * `(v - 0x01010101) & ~v & 0x80808080` is not 0.
 */
export function newlineFrom(buf: Uint8Array, words: Uint32Array, from: number): number {
  let i = from;
  for (; (i & 3) !== 0 && i < buf.length; i++) if (buf[i] === NL) return i;
  for (let w = i >> 2; w < words.length; w++) {
    const v = (words[w] as number) ^ NL_WORD;
    if (((v - 0x01010101) & ~v & 0x80808080) !== 0) {
      for (let k = w << 2;; k++) if (buf[k] === NL) return k;
    }
  }
  for (let k = Math.max(words.length << 2, i); k < buf.length; k++) if (buf[k] === NL) return k;
  return -1;
}

/**
 * Calls `onLine` for each line of `text` (the bytes `buf[0, end)`, which end before a
 * newline); returns the line count. Byte positions follow the characters while the text is
 * ASCII (as long as the bytes), else the newlines in `buf`.
 */
function emit(buf: Uint8Array, end: number, text: string, at: LogPosition, onLine: OnLine) {
  const ascii = text.length === end;
  let { lines } = at;
  let from = 0;
  let byte = 0;
  while (from <= text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    const next = ascii ? to + 1 : buf.indexOf(NL, byte) + 1;
    lines++;
    const line = text.slice(from, to);
    if (line.length > 0 && (line.charCodeAt(0) > 32 || line.trim() !== "")) {
      onLine(line, lines, at.offset + byte, at.offset + next);
    }
    from = to + 1;
    byte = next;
  }
  return lines;
}
