/**
 * Which occurrence lines a compaction drops: those past the retention policy that memory no
 * longer needs (what it learned from them stays in the snapshot and the log's checkpoint).
 * Pure.
 */
import type { LineTable } from "./line_table.ts";

/** How much of the occurrence log a compaction keeps. */
export interface LogRetention {
  /** The newest occurrences kept per service, whatever their age. @default 100 */
  keepPerService?: number | undefined;
  /** Occurrences older than this many days before the last deploy are dropped. @default 30 */
  keepDays?: number | undefined;
}

/** The retention of the first source that sets each field. */
export function retentionOf(...sources: readonly LogRetention[]): LogRetention {
  const keepPerService = sources.find((s) => s.keepPerService !== undefined)?.keepPerService;
  const keepDays = sources.find((s) => s.keepDays !== undefined)?.keepDays;
  return {
    ...(keepPerService === undefined ? {} : { keepPerService }),
    ...(keepDays === undefined ? {} : { keepDays }),
  };
}

/** Default of {@linkcode LogRetention.keepPerService}. */
export const DEFAULT_KEEP_PER_SERVICE = 100;
/** Default of {@linkcode LogRetention.keepDays}. */
export const DEFAULT_KEEP_DAYS = 30;

const DAY_MS = 86_400_000;
/** What a plan keeps and drops. */
export interface CompactionPlan {
  /** 1 for each line (0-based) kept. */
  keep: Uint8Array;
  /** Occurrences dropped (checkpoints not counted). */
  dropped: number;
  /** Occurrences kept. */
  kept: number;
}

/**
 * Plans a compaction at the log clock `clock`: an occurrence is dropped when it is past the
 * newest `keepPerService` of its service or older than `keepDays`, unless it carries a deploy
 * some service's history still holds. Checkpoints are always replaced.
 */
export function planCompaction(
  table: LineTable,
  clock: number,
  retention: LogRetention = {},
): CompactionPlan {
  const perService = retention.keepPerService ?? DEFAULT_KEEP_PER_SERVICE;
  const horizon = clock - (retention.keepDays ?? DEFAULT_KEEP_DAYS) * DAY_MS;
  const keep = new Uint8Array(table.length);
  const seen = new Map<number, number>();
  let dropped = 0;
  for (let i = table.length - 1; i >= 0; i--) {
    if (table.isCheckpoint(i)) continue;
    const service = table.service[i] as number;
    const rank = service < 0 ? 0 : (seen.get(service) ?? 0) + 1;
    if (service >= 0) seen.set(service, rank);
    const old = (table.time[i] as number) < horizon || rank > perService;
    const needed = table.isNeeded(i);
    if (old && !needed) dropped++;
    else keep[i] = 1;
  }
  return { keep, dropped, kept: table.length - dropped - countCheckpoints(table) };
}

function countCheckpoints(table: LineTable): number {
  let n = 0;
  for (let i = 0; i < table.length; i++) if (table.isCheckpoint(i)) n++;
  return n;
}
