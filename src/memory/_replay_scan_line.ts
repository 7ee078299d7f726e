/**
 * What the replay's reading worker ingests from one line, as `applyLogLine` would: first the
 * record scanner (a line `buildOccurrence` wrote, a record in the shape Nopea writes), then
 * `JSON.parse` + `checkedRecord` for everything else, so both give the same.
 */
import type { DeployRecord } from "../deploys/mod.ts";
import {
  type IdSpan,
  lineText,
  type RecordBytes,
  recordBytes,
  type RecordSpan,
  recordSpan,
} from "./_replay_bytes.ts";
import { checkedRecord } from "./_replay_check.ts";
import { isCheckpoint } from "./checkpoint.ts";
import { isDeployOccurrence, recordText } from "./replay.ts";
import type { RecordReader } from "./_replay_scan_record.ts";

/** A record read from a line and its occurrence id. */
export interface Ingested {
  id: string;
  /** The record, or a `PendingRecord` standing for it (read back when reading ends). */
  record: DeployRecord;
  /**
   * Set when the scanner read it (its positions are in the reader's `scan`): its end time
   * (ms), and where the id's quotes are in the line (its ASCII bytes between them).
   */
  scanned?: { finished: number } & IdSpan;
}

/**
 * What `applyLogLine` ingests from a line (`fast`: what `recordText` gives for it): a record
 * and its occurrence id, `null` for a line it ingests nothing from, `undefined` for a line
 * main must read (a checkpoint, a fault).
 */
function ingested(fast: RecordBytes | undefined, line: () => string): Ingested | null | undefined {
  if (fast) {
    let value: unknown;
    try {
      value = JSON.parse(fast.json);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      const record = checkedRecord(value);
      return record && { id: fast.id, record };
    }
  }
  let occurrence: unknown;
  try {
    occurrence = JSON.parse(line());
  } catch {
    return undefined;
  }
  if (typeof occurrence !== "object" || occurrence === null || Array.isArray(occurrence)) {
    return undefined;
  }
  if (isCheckpoint(occurrence as Record<string, unknown>)) return undefined;
  if (!isDeployOccurrence(occurrence)) return null;
  const record = checkedRecord(occurrence.data.record);
  return record && { id: occurrence.id, record };
}

/**
 * {@linkcode ingested} for the line `buf[from, to)` (at byte `offset` of the log), which
 * `scan` would pass as text if not blank; `reader` reads the records it vouches for.
 */
export function ingestedLine(
  reader: RecordReader,
  buf: Uint8Array,
  from: number,
  to: number,
  offset: number,
): Ingested | null | undefined {
  if (to === from) return null;
  if ((buf[from] as number) <= 32) {
    const line = lineText(buf, from, to);
    return line.trim() === "" ? null : ingested(recordText(line), () => line);
  }
  const span = recordSpan(buf, from, to);
  if (span === undefined) {
    return ingested(recordBytes(buf, from, to), () => lineText(buf, from, to));
  }
  const { start } = span;
  const read = reader.read(buf, start, to - 2, offset + start - from);
  if (read === undefined) {
    const json = lineText(buf, start, to - 2);
    return ingested({ id: span.id, json }, () => lineText(buf, from, to));
  }
  // Every field `remember` reads, with the values the record has (`PendingRecord`).
  return new ScannedLine(span, read.record as unknown as DeployRecord, read.finished);
}

/** A line the scanner read: its id is made from its bytes only if asked for. */
class ScannedLine implements Ingested {
  readonly scanned: { finished: number } & IdSpan;

  constructor(readonly span: RecordSpan, readonly record: DeployRecord, finished: number) {
    this.scanned = { finished, idAt: span.idAt, idEnd: span.idEnd };
  }

  get id(): string {
    return this.span.id;
  }
}
