/**
 * The reading half of a parallel replay, run in a Worker: it reads the log, parses and checks
 * each record, keeps the per-service history (`remember`) and sends main, in batches, only
 * what the graph learns. It reads each line as `applyLogLine` does, and stops before a line
 * that restores a checkpoint or is corrupt or invalid: main reads that line itself, so every
 * fault is reported as before.
 */
/// <reference lib="deno.worker" />
import { type DeployRecord, parseDeployRecord } from "../deploys/mod.ts";
import type { ReplayEnd, ReplayMessage, ReplayRun } from "./_fs_replay_protocol.ts";
import { scan } from "./_fs_lines.ts";
import { learnedFields } from "./_ingest_graph.ts";
import { ingestTime, remember, teaches } from "./ingest.ts";
import { isDeployOccurrence, recordText } from "./replay.ts";
import { isCheckpoint } from "./checkpoint.ts";

/** Entries per batch: few large messages, as every message may wait for a thread to be woken. */
const BATCH = 8192;
/** Batches sent and not yet learned from; reading waits beyond this. */
const IN_FLIGHT = 4;

class Stop {
  constructor(readonly offset: number, readonly lines: number) {}
}

let inFlight = 0;
let acked: (() => void) | undefined;

function post(message: ReplayMessage): void {
  self.postMessage(message);
}

/** A checked record, or `undefined` when the JSON or the record is bad. */
function checked(value: () => unknown): DeployRecord | undefined {
  try {
    return parseDeployRecord(value());
  } catch {
    return undefined;
  }
}

/**
 * What `applyLogLine` ingests from a line: a record and its occurrence id, `null` for a
 * line it ingests nothing from, `undefined` for a line main must read (a checkpoint, a fault).
 */
function ingested(
  line: string,
): { id: string; record: DeployRecord; json?: string } | null | undefined {
  const fast = recordText(line);
  if (fast) {
    let value: unknown;
    try {
      value = JSON.parse(fast.json);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      const record = checked(() => value);
      // The record's own text serves as what the graph learns when it was not upgraded.
      return record && { id: fast.id, record, ...(record === value ? { json: fast.json } : {}) };
    }
  }
  let occurrence: unknown;
  try {
    occurrence = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof occurrence !== "object" || occurrence === null || Array.isArray(occurrence)) {
    return undefined;
  }
  if (isCheckpoint(occurrence as Record<string, unknown>)) return undefined;
  if (!isDeployOccurrence(occurrence)) return null;
  const record = checked(() => occurrence.data.record);
  return record && { id: occurrence.id, record };
}

/**
 * What the graph learns from a record, as JSON: nothing (`0`), the whole record's text while
 * the learning thread keeps up (no work here), or only the fields it reads once it falls
 * behind (less for it to parse). Both give the same graph: `learn` reads only those fields.
 */
function learnedText(record: DeployRecord, json: string | undefined): string {
  if (!teaches(record)) return "0";
  if (json !== undefined && inFlight <= 1) return json;
  return JSON.stringify(learnedFields(record));
}

async function run(job: ReplayRun): Promise<ReplayEnd> {
  const kept = { services: job.services, evicted: job.evicted };
  let clock = job.clock;
  // Each entry is the JSON text of a `LearnEntry`.
  let entries: string[] = [];
  const flush = () => {
    if (entries.length === 0) return;
    post({ type: "batch", text: `[${entries.join(",")}]` });
    inFlight++;
    entries = [];
  };
  const onLine = (line: string, n: number, start: number) => {
    if (n <= job.covered) return;
    const found = ingested(line);
    if (found === null) return;
    if (found === undefined) throw new Stop(start, n - 1);
    const { id, record } = found;
    const t = ingestTime(clock, record);
    remember(kept, record, t, job.options);
    clock = t;
    entries.push(`[${JSON.stringify(id)},${t},${learnedText(record, found.json)}]`);
  };
  const afterChunk = async () => {
    if (entries.length >= BATCH) flush();
    while (inFlight > IN_FLIGHT) await new Promise<void>((resolve) => acked = resolve);
  };
  using file = await Deno.open(job.path, { read: true });
  const size = (await file.stat()).size;
  let end: Omit<ReplayEnd, "type" | "services" | "evicted">;
  try {
    end = { ...await scan(file, job, size, onLine, afterChunk), stopped: false };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    end = { offset: e.offset, lines: e.lines, tail: 0, stopped: true };
  }
  flush();
  return { type: "end", ...end, ...kept };
}

self.onmessage = (event: MessageEvent<ReplayRun | { type: "ack" }>) => {
  if (event.data.type === "ack") {
    inFlight--;
    acked?.();
    acked = undefined;
    return;
  }
  run(event.data).then(post, (e) => post({ type: "error", message: String(e?.message ?? e) }));
};
