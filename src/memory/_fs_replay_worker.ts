/**
 * The reading half of a parallel replay, run in a Worker: it reads the log as bytes, checks
 * each record (a byte scanner for the shape Nopea writes, `_replay_scan.ts`, that makes
 * strings of only the few values it reads; `JSON.parse` + `checkedRecord` for the rest), keeps
 * the per-service history (`remember`; a scanned record as a `PendingRecord`, parsed from the
 * log at the end only if it is still in a history) and sends main, in batches of bytes it
 * moves rather than copies, what the graph learns. It reads each line as `applyLogLine` does,
 * and stops before a line that restores a checkpoint or is corrupt or invalid: main reads that
 * line itself, so every fault is reported as before.
 */
/// <reference lib="deno.worker" />
import type { DeployRecord } from "../deploys/mod.ts";
import type { ReplayEnd, ReplayMessage, ReplayRun } from "./_fs_replay_protocol.ts";
import { scanBytes } from "./_fs_lines.ts";
import { BatchWriter } from "./_replay_batch.ts";
import { learnedFields } from "./_learned_fields.ts";
import { ingestTime, remember, teaches } from "./ingest.ts";
import { ingestedLine } from "./_replay_scan_line.ts";
import { addScanned } from "./_replay_batch_scan.ts";
import { type PendingRecord, RecordReader } from "./_replay_scan_record.ts";
import { pendingRecords, pendingSpans, settleHistory } from "./_replay_scan_pending.ts";
import type { ServiceState } from "./state.ts";

/** Entries per batch: few large messages, as every message may wait for a thread to be woken. */
const BATCH = 8192;
/** Batches sent and not yet taken in by the learning thread; reading waits beyond this. */
const IN_FLIGHT = 4;

class Stop {
  constructor(readonly offset: number, readonly lines: number) {}
}

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
let inFlight = 0;
let acked: (() => void) | undefined;

function post(message: ReplayMessage): void {
  self.postMessage(message);
}

/** Reads the pending records of the histories back from the log and puts them in place. */
async function settle(file: Deno.FsFile, services: Map<string, ServiceState>): Promise<void> {
  const parsed = new Map<PendingRecord, DeployRecord>();
  for (const span of pendingSpans(pendingRecords(services))) {
    const bytes = new Uint8Array(span.length);
    await file.seek(span.at, Deno.SeekMode.Start);
    for (let got = 0; got < bytes.length;) {
      const n = await file.read(bytes.subarray(got));
      if (n === null) throw new Error(`the log ended before byte ${span.at + bytes.length}`);
      got += n;
    }
    for (const r of span.records) {
      const from = r.at - span.at;
      parsed.set(r, JSON.parse(decoder.decode(bytes.subarray(from, from + r.length))));
    }
  }
  settleHistory(services, parsed);
}

async function run(job: ReplayRun): Promise<ReplayEnd> {
  const kept = { services: job.services, evicted: job.evicted };
  let clock = job.clock;
  const batch = new BatchWriter();
  const reader = new RecordReader();
  const flush = () => {
    if (batch.size === 0) return;
    const [message, transfer] = batch.take();
    self.postMessage(message, transfer);
    inFlight++;
  };
  const onLine = (buf: Uint8Array, from: number, to: number, n: number, start: number) => {
    if (n <= job.covered) return;
    const found = ingestedLine(reader, buf, from, to, start);
    if (found === null) return;
    if (found === undefined) throw new Stop(start, n - 1);
    const { record, scanned } = found;
    const t = scanned ? Math.max(scanned.finished, clock) : ingestTime(clock, record);
    remember(kept, record, t, job.options);
    clock = t;
    const learns = teaches(record);
    // Only the fields the graph learns from; of a scanned record, its strings as written.
    if (!learns) batch.add(found.id, t, 0);
    else if (scanned) addScanned(batch, scanned, t, buf, reader.scan, record);
    else batch.add(found.id, t, learnedFields(record));
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
  await settle(file, kept.services);
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
