/** Reads the occurrence log from a byte offset, line by line, stopping at the last newline. */
import { NopeaError } from "../shared/mod.ts";

/** Where reading stopped. */
export interface LogPosition {
  /** Bytes consumed (always just after a newline). */
  offset: number;
  /** Lines consumed. */
  lines: number;
}

/** What a read found. */
export interface LogRead extends LogPosition {
  /** Bytes after the last newline: a line being written, or a torn one. */
  tail: number;
  /** The byte before the start offset was not a newline: the start does not match this log. */
  misaligned: boolean;
}

const NL = 0x0a;
const CHUNK = 1 << 20;

async function readFull(file: Deno.FsFile, buf: Uint8Array): Promise<number> {
  let got = 0;
  while (got < buf.length) {
    const n = await file.read(buf.subarray(got));
    if (n === null) break;
    got += n;
  }
  return got;
}

/**
 * Calls `onLine` for every complete line after `from`, in order, with its 1-based
 * line number. A missing file reads as empty.
 *
 * @throws {NopeaError} `MEMORY_CORRUPT` when the log is shorter than `from.offset`.
 */
export async function readLog(
  path: string,
  from: LogPosition,
  onLine: (line: string, lineNo: number) => void,
): Promise<LogRead> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    if (from.offset > 0) throw shorter(path, from.offset, 0);
    return { ...from, tail: 0, misaligned: false };
  }
  try {
    const size = (await file.stat()).size;
    if (size < from.offset) throw shorter(path, from.offset, size);
    if (from.offset > 0) {
      const prev = new Uint8Array(1);
      await file.seek(from.offset - 1, Deno.SeekMode.Start);
      await readFull(file, prev);
      if (prev[0] !== NL) return { ...from, tail: 0, misaligned: true };
    }
    let { offset, lines } = from;
    const decoder = new TextDecoder();
    let carry = new Uint8Array(0);
    const chunk = new Uint8Array(CHUNK);
    for (;;) {
      const n = await readFull(file, chunk);
      if (n === 0) break;
      const buf = carry.length ? concat(carry, chunk.subarray(0, n)) : chunk.subarray(0, n);
      const last = buf.lastIndexOf(NL);
      if (last < 0) {
        carry = buf.slice();
        continue;
      }
      const text = decoder.decode(buf.subarray(0, last));
      for (const line of text.split("\n")) {
        lines++;
        if (line.trim() !== "") onLine(line, lines);
      }
      offset += last + 1;
      carry = buf.slice(last + 1);
    }
    return { offset, lines, tail: carry.length, misaligned: false };
  } finally {
    file.close();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function shorter(path: string, offset: number, size: number): NopeaError {
  return new NopeaError(
    "MEMORY_CORRUPT",
    `Cannot load memory from "${path}": the snapshot has read ${offset} bytes of it but it holds ${size}`,
    {
      hint:
        "Restore the occurrence log from a backup, or delete graph.json to rebuild memory from the log as it is now",
      details: { file: path, offset, size },
    },
  );
}
