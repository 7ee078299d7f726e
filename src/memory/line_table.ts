/** The facts of each occurrence line a compaction plan needs. Pure. */
import { isCheckpoint } from "./checkpoint.ts";
import { isDeployOccurrence, parseLogLine, recordText } from "./replay.ts";
import type { MemoryState } from "./state.ts";

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
    const facts = quickFacts(line) ?? factsOf(parseLogLine(line, where.file, where.lineNo));
    let service = -1;
    let flags = facts.checkpoint ? CHECKPOINT : 0;
    if (facts.record) {
      const name = facts.record.service;
      service = this.#ids.get(name) ?? this.#ids.set(name, this.#ids.size).size - 1;
      if (this.#historyOf(state, name).has(facts.record.deployId)) flags |= NEEDED;
    }
    this.service.push(service);
    this.time.push(facts.time);
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

  /** Whether line `i` (0-based) carries a deploy some service's history holds. */
  isNeeded(i: number): boolean {
    return ((this.flags[i] as number) & NEEDED) !== 0;
  }
}

interface Facts {
  time: number;
  checkpoint: boolean;
  record?: { service: string; deployId: string };
}

const FIELD = (key: string) => new RegExp(`"${key}":"([^"\\\\]*)"`);
const SERVICE = FIELD("service");
const DEPLOY_ID = FIELD("deployId");
const FINISHED = FIELD("finishedAt");

/** The facts of a line `buildOccurrence` wrote, read from its record's text without parsing it. */
function quickFacts(line: string): Facts | undefined {
  const json = recordText(line)?.json;
  const service = json && SERVICE.exec(json)?.[1];
  const deployId = json && DEPLOY_ID.exec(json)?.[1];
  const finished = json && FINISHED.exec(json)?.[1];
  if (!service || !deployId || !finished) return undefined;
  return { time: Date.parse(finished), checkpoint: false, record: { service, deployId } };
}

function factsOf(occurrence: Record<string, unknown>): Facts {
  if (!isDeployOccurrence(occurrence)) {
    const time = Date.parse(String(occurrence["timestamp"]));
    return { time, checkpoint: isCheckpoint(occurrence) };
  }
  const r = occurrence.data.record as unknown as Record<string, unknown>;
  const record = { service: String(r["service"]), deployId: String(r["deployId"]) };
  return { time: Date.parse(String(r["finishedAt"])), checkpoint: false, record };
}
