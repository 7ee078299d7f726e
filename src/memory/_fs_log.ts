/** Reads the occurrence log from a byte offset, line by line, stopping at the last newline. */
import type { Occurrence } from "../occurrences/mod.ts";
import { isCheckpoint } from "./checkpoint.ts";
import { parseLogLine } from "./replay.ts";
import { scan } from "./_fs_lines.ts";

/** Where reading starts or stopped. */
export interface LogPosition {
  /** Bytes consumed (always just after a newline). */
  offset: number;
  /** Lines consumed. */
  lines: number;
  /** Id of the log's first line as last seen; checked when reading from a later offset. */
  head?: string;
}

/** Why a log cannot be read on from a position: it is not the log the position was taken in. */
export type LogMismatch = "past-end" | "misaligned" | "replaced";

/** What a read found. */
export interface LogRead {
  /** Bytes consumed (always just after a newline). */
  offset: number;
  /** Lines consumed. */
  lines: number;
  /** Id of the log's first line now (absent for an empty log). */
  head?: string;
  /** Bytes after the last newline: a line being written, or a torn one. */
  tail: number;
  /** Set when nothing was read because the start does not belong to this log. */
  mismatch?: LogMismatch;
  /** Size of the log in bytes. */
  size: number;
}

/** Called for each complete line: its text, 1-based number, and where its bytes start and end (after the newline). */
export type OnLine = (line: string, lineNo: number, start: number, end: number) => void;

const NL = 0x0a;
const HEAD_BYTES = 256;
const ID = /^\{"id":"([^"\\]{1,200})"/;

async function readAt(file: Deno.FsFile, at: number, buf: Uint8Array): Promise<number> {
  await file.seek(at, Deno.SeekMode.Start);
  let got = 0;
  while (got < buf.length) {
    const n = await file.read(buf.subarray(got));
    if (n === null) break;
    got += n;
  }
  return got;
}

/** The identity of a log: its first line's occurrence id, else the line's first characters. */
export async function headOf(file: Deno.FsFile, size: number): Promise<string | undefined> {
  if (size === 0) return undefined;
  const buf = new Uint8Array(Math.min(HEAD_BYTES, size));
  const got = await readAt(file, 0, buf);
  const text = new TextDecoder().decode(buf.subarray(0, got)).split("\n")[0] ?? "";
  return ID.exec(text)?.[1] ?? text.slice(0, 64);
}

async function mismatchOf(
  file: Deno.FsFile,
  from: LogPosition,
  size: number,
  head: string | undefined,
): Promise<LogMismatch | undefined> {
  if (from.offset === 0) return undefined;
  if (size < from.offset) return "past-end";
  if (from.head !== undefined && from.head !== head) return "replaced";
  const prev = new Uint8Array(1);
  await readAt(file, from.offset - 1, prev);
  return prev[0] === NL ? undefined : "misaligned";
}

/**
 * Calls `onLine` for every complete line after `from`, in order. A missing file reads as
 * empty. When `from` does not belong to this log (it is shorter, `from` is inside a line,
 * or its first line changed) nothing is read and `mismatch` says why. `scanner` reads the
 * lines (a parallel replay passes its own).
 */
export async function readLog(
  path: string,
  from: LogPosition,
  onLine: OnLine,
  scanner: typeof scan = scan,
): Promise<LogRead> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    const mismatch = from.offset > 0 ? { mismatch: "past-end" as const } : {};
    return { offset: 0, lines: 0, tail: 0, size: 0, ...mismatch };
  }
  try {
    const size = (await file.stat()).size;
    const head = await headOf(file, size);
    const mismatch = await mismatchOf(file, from, size, head);
    const found = head === undefined ? {} : { head };
    if (mismatch) {
      return { offset: from.offset, lines: from.lines, tail: 0, size, mismatch, ...found };
    }
    const end = await scanner(file, from, size, onLine);
    return { ...end, size, ...found };
  } finally {
    file.close();
  }
}

/**
 * Every occurrence in the log, oldest first; a checkpoint is no occurrence and left out.
 *
 * @throws {NopeaError} `MEMORY_CORRUPT` naming file and line for a line that is no JSON object.
 */
export async function readOccurrences(path: string): Promise<Occurrence[]> {
  const out: Occurrence[] = [];
  await eachLoggedOccurrence(path, (occurrence) => out.push(occurrence));
  return out;
}

/** Calls `each` for every occurrence in the log as it is read (checkpoints left out). */
export async function eachLoggedOccurrence(
  path: string,
  each: (occurrence: Occurrence) => void,
): Promise<void> {
  await readLog(path, { offset: 0, lines: 0 }, (line, n) => {
    const occurrence = parseLogLine(line, path, n);
    if (!isCheckpoint(occurrence)) each(occurrence as unknown as Occurrence);
  });
}
