/**
 * Which occurrence lines a compaction drops: those past the retention policy that memory no
 * longer needs (what it learned from them stays in the snapshot and the log's checkpoint).
 * Pure.
 */
import { isCheckpoint } from "./checkpoint.ts";
import { isDeployOccurrence, parseLogLine } from "./replay.ts";
import type { MemoryState } from "./state.ts";

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
const NEEDED = 1;
const CHECKPOINT = 2;

/**
 * The facts of each log line a plan needs, in log order: its service, time, whether memory
 * still needs it (a deploy in some service's history) and where its bytes are.
 */
export class LineTable {
  #ids = new Map<string, number>();
  #recent = new Map<string, { last: unknown; ids: Set<string> }>();
  /** Service index of each line (-1: not a deploy). */
  readonly service: number[] = [];
  /** Time of each line, ms (NaN: unknown). */
  readonly time: number[] = [];
  /** NEEDED | CHECKPOINT bits. */
  readonly flags: number[] = [];
  /** Byte offset each line starts at. */
  readonly start: number[] = [];
  /** Byte length of each line, newline included. */
  readonly bytes: number[] = [];

  /** Lines added. */
  get length(): number {
    return this.time.length;
  }

  /**
   * Adds one line, its bytes from `start` to `end` (after its newline), judged against `state`.
   *
   * @throws {NopeaError} `MEMORY_CORRUPT` naming file and line for a line that is no JSON object.
   */
  add(
    state: MemoryState,
    line: string,
    where: { file: string; lineNo: number; start: number; end: number },
  ): void {
    const occurrence = parseLogLine(line, where.file, where.lineNo);
    let service = -1;
    let time = Date.parse(String(occurrence["timestamp"]));
    let flags = isCheckpoint(occurrence) ? CHECKPOINT : 0;
    if (isDeployOccurrence(occurrence)) {
      const record = occurrence.data.record as { service?: unknown; deployId?: unknown };
      const name = String(record.service);
      service = this.#ids.get(name) ?? this.#ids.set(name, this.#ids.size).size - 1;
      time = Date.parse(String((record as { finishedAt?: unknown }).finishedAt));
      if (this.#historyOf(state, name).has(String(record.deployId))) flags |= NEEDED;
    }
    this.service.push(service);
    this.time.push(time);
    this.flags.push(flags);
    this.start.push(where.start);
    this.bytes.push(where.end - where.start);
  }

  /** The deploy ids the service's history holds (cached until its history changes). */
  #historyOf(state: MemoryState, name: string): Set<string> {
    const recent = state.services.get(name)?.recent ?? [];
    const cached = this.#recent.get(name);
    if (cached && cached.last === recent.at(-1)) return cached.ids;
    const ids = new Set(recent.map((r) => r.deployId));
    this.#recent.set(name, { last: recent.at(-1), ids });
    return ids;
  }

  /** Whether line `i` (0-based) is a checkpoint. */
  isCheckpoint(i: number): boolean {
    return ((this.flags[i] as number) & CHECKPOINT) !== 0;
  }
}

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
    const needed = ((table.flags[i] as number) & NEEDED) !== 0;
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
