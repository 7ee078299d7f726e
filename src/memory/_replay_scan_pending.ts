/**
 * The pending records of a parallel replay's histories (`PendingRecord`: a record whose bytes
 * are still in the log), found, grouped into spans of the log to read, and put in place once
 * parsed.
 */
import type { DeployRecord } from "../deploys/mod.ts";
import type { ServiceState } from "./state.ts";
import { PendingRecord } from "./_replay_scan_record.ts";

/** The pending records in `services`' histories, to be read back from the log. */
export function pendingRecords(services: Map<string, ServiceState>): PendingRecord[] {
  const pending: PendingRecord[] = [];
  for (const s of services.values()) {
    for (const r of s.recent) if (r instanceof PendingRecord) pending.push(r);
  }
  return pending.sort((a, b) => a.at - b.at);
}

/** A span of the log read at once: from `at`, `length` bytes, holding `records`. */
export interface PendingSpan {
  at: number;
  length: number;
  records: PendingRecord[];
}

/**
 * The pending records (in log order) grouped into spans of the log to read at once: a record
 * less than `gap` bytes after the span before joins it while the span stays under `most` bytes.
 */
export function pendingSpans(
  pending: PendingRecord[],
  gap = 1 << 16,
  most = 1 << 24,
): PendingSpan[] {
  const spans: PendingSpan[] = [];
  let span: PendingSpan | undefined;
  for (const r of pending) {
    const end = r.at + r.length;
    if (span && r.at - (span.at + span.length) < gap && end - span.at <= most) {
      span.length = Math.max(span.length, end - span.at);
      span.records.push(r);
    } else spans.push(span = { at: r.at, length: r.length, records: [r] });
  }
  return spans;
}

/** Replaces each pending record of the histories by its record parsed from `text(pending)`. */
export function settleHistory(
  services: Map<string, ServiceState>,
  parsed: Map<PendingRecord, DeployRecord>,
): void {
  for (const s of services.values()) {
    for (let i = 0; i < s.recent.length; i++) {
      const r = s.recent[i];
      if (r instanceof PendingRecord) s.recent[i] = parsed.get(r) as DeployRecord;
    }
  }
}
