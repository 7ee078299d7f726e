/**
 * The reading half of a parallel replay, run in a Worker: it reads the log as bytes, parses
 * and checks each record, keeps the per-service history (`remember`) and sends main, in
 * batches of bytes it moves rather than copies, what the graph learns. It reads each line as
 * `applyLogLine` does, and stops before a line that restores a checkpoint or is corrupt or
 * invalid: main reads that line itself, so every fault is reported as before.
 */
/// <reference lib="deno.worker" />
import type { DeployRecord } from "../deploys/mod.ts";
import type { EntryMeta, ReplayEnd, ReplayMessage, ReplayRun } from "./_fs_replay_protocol.ts";
import { scanBytes } from "./_fs_lines.ts";
import { lineText, type RecordBytes, recordBytes } from "./_replay_bytes.ts";
import { BatchWriter } from "./_replay_batch.ts";
import { checkedRecord } from "./_replay_check.ts";
import { learnedFields } from "./_learned_fields.ts";
import { ingestTime, remember, teaches } from "./ingest.ts";
import { isDeployOccurrence, recordText } from "./replay.ts";
import { isCheckpoint } from "./checkpoint.ts";

/** Entries per batch: few large messages, as every message may wait for a thread to be woken. */
const BATCH = 8192;
/** Batches sent and not yet taken in by the learning thread; reading waits beyond this. */
const IN_FLIGHT = 4;

class Stop {
  constructor(readonly offset: number, readonly lines: number) {}
}

let inFlight = 0;
let acked: (() => void) | undefined;

function post(message: ReplayMessage): void {
  self.postMessage(message);
}

/** A record read, its occurrence id, and where its JSON text is in the buffer read when known. */
interface Ingested {
  id: string;
  record: DeployRecord;
  raw?: [buf: Uint8Array, from: number, to: number];
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
      // Not upgraded: the record's bytes in the log are its JSON text.
      const raw = record === value && fast.bytes ? { raw: fast.bytes } : {};
      return record && { id: fast.id, record, ...raw };
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

/** {@linkcode ingested} for the line `buf[from, to)`, which `scan` would pass as text if not blank. */
function ingestedBytes(buf: Uint8Array, from: number, to: number) {
  if (to === from) return null;
  if ((buf[from] as number) > 32) {
    return ingested(recordBytes(buf, from, to), () => lineText(buf, from, to));
  }
  const line = lineText(buf, from, to);
  return line.trim() === "" ? null : ingested(recordText(line), () => line);
}

async function run(job: ReplayRun): Promise<ReplayEnd> {
  const kept = { services: job.services, evicted: job.evicted };
  let clock = job.clock;
  const batch = new BatchWriter();
  const flush = () => {
    if (batch.size === 0) return;
    const [message, transfer] = batch.take();
    self.postMessage(message, transfer);
    inFlight++;
  };
  const onLine = (buf: Uint8Array, from: number, to: number, n: number, start: number) => {
    if (n <= job.covered) return;
    const found = ingestedBytes(buf, from, to);
    if (found === null) return;
    if (found === undefined) throw new Stop(start, n - 1);
    const { id, record } = found;
    const t = ingestTime(clock, record);
    remember(kept, record, t, job.options);
    clock = t;
    const learns = teaches(record);
    const meta: EntryMeta = learns && record.images.length > 0
      ? [t, record.service, record.status, record.images]
      : [t];
    // The record's bytes cost nothing to send; once the learning thread falls behind, only
    // the fields it reads (less for it to parse). Both give the same graph.
    if (!learns) batch.add(id, t, meta, 0);
    else if (found.raw && inFlight <= 1) batch.add(id, t, meta, record, found.raw);
    else batch.add(id, t, meta, learnedFields(record));
  };
  const afterChunk = async () => {
    if (batch.size >= BATCH) flush();
    while (inFlight > IN_FLIGHT) await new Promise<void>((resolve) => acked = resolve);
  };
  using file = await Deno.open(job.path, { read: true });
  const size = (await file.stat()).size;
  let end: Omit<ReplayEnd, "type" | "services" | "evicted">;
  try {
    end = { ...await scanBytes(file, job, size, onLine, afterChunk), stopped: false };
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
