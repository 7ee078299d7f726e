/**
 * The batches a parallel replay's reading worker sends the learning thread, as bytes moved
 * (not copied) between the threads: for each entry its JSON text `[id, time, record | 0]`,
 * the record's bytes copied as they are in the log, and a JSON array of `EntryMeta` that the
 * learning thread reads as soon as the batch arrives. An entry is decoded and parsed only when
 * it is learned, so what it holds is garbage the moment after.
 */
import type { EntryMeta, LearnEntry, ReplayBatch } from "./_fs_replay_protocol.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const COMMA = 0x2c;

/** A growing byte buffer. */
class Bytes {
  buf = new Uint8Array(1 << 20);
  length = 0;

  #room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  text(s: string): void {
    this.#room(s.length * 3);
    this.length += encoder.encodeInto(s, this.buf.subarray(this.length)).written;
  }

  copy(src: Uint8Array, from: number, to: number): void {
    this.#room(to - from);
    this.buf.set(src.subarray(from, to), this.length);
    this.length += to - from;
  }

  byte(b: number): void {
    this.#room(1);
    this.buf[this.length++] = b;
  }

  take(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    this.buf = new Uint8Array(this.buf.length);
    this.length = 0;
    return out;
  }
}

/** The worker's half: entries written as they are read. */
export class BatchWriter {
  #entries = new Bytes();
  #ends: number[] = [];
  #meta = new Bytes();

  /** Entries written since the last `take()`. */
  get size(): number {
    return this.#ends.length;
  }

  /**
   * Adds an entry: its id, time, meta, and its record as JSON (`record`, or the bytes
   * `raw = [buf, from, to]` of the same JSON text); `0` for a record the graph does not learn.
   */
  add(
    id: string,
    time: number,
    meta: EntryMeta,
    record: unknown,
    raw?: [Uint8Array, number, number],
  ) {
    this.#entries.text(`[${JSON.stringify(id)},${time},`);
    if (raw) this.#entries.copy(...raw);
    else this.#entries.text(JSON.stringify(record));
    this.#entries.byte(0x5d); // ]
    this.#ends.push(this.#entries.length);
    this.#meta.byte(this.#ends.length === 1 ? 0x5b : COMMA); // [ or ,
    this.#meta.text(JSON.stringify(meta));
  }

  /** The batch of the entries written since the last call, and what to transfer. */
  take(): [ReplayBatch, ArrayBuffer[]] {
    this.#meta.byte(0x5d);
    const batch: ReplayBatch = {
      type: "batch",
      entries: this.#entries.take(),
      ends: Uint32Array.from(this.#ends),
      meta: this.#meta.take(),
    };
    this.#ends = [];
    return [batch, [batch.entries.buffer, batch.ends.buffer, batch.meta.buffer] as ArrayBuffer[]];
  }
}

/** The metas of a batch received. */
export function batchMeta(batch: ReplayBatch): EntryMeta[] {
  return JSON.parse(decoder.decode(batch.meta)) as EntryMeta[];
}

/** Entry `i` of a batch received. */
export function batchEntry(batch: ReplayBatch, i: number): LearnEntry {
  const from = i === 0 ? 0 : batch.ends[i - 1] as number;
  return JSON.parse(decoder.decode(batch.entries.subarray(from, batch.ends[i]))) as LearnEntry;
}
