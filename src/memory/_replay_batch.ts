/**
 * The batches a parallel replay's reading worker sends the learning thread, as bytes moved
 * (not copied) between the threads, in a form the learning thread reads without parsing
 * records: each entry's log time; a few numbers (`codes`: what the entry holds and how many
 * images, dependencies and resources); the JSON text of an array of the service, status and
 * images of each entry naming images (`ahead`, parsed when the batch arrives); and the JSON
 * text of arrays of the other strings, one array per `CHUNK` entries, each parsed just before
 * its entries are learned (so what it makes is garbage soon after, not kept a window long).
 * For an entry the graph learns from, those strings are, in order: occurrence id, deployId,
 * service, namespace, strategy, status, startedAt, finishedAt, the dependencies, each
 * resource's key and action, then the error's code, message, errorClass and resource (the
 * last two when `ERROR_CLASS` / `ERROR_RESOURCE` are set) when `ERROR` is, and the operation
 * when `OPERATION` is. An entry it does not learn from is one code, 0 (`NOTHING`).
 */
import type { ReplayBatch } from "./_fs_replay_protocol.ts";
import type { LearnedFields } from "./_learned_fields.ts";
import { JsonStrings } from "./_replay_batch_text.ts";

/** The entry's first code: 0, or `LEARNED` with flags for the optional fields that follow. */
export const NOTHING = 0;
export const LEARNED = 1;
export const ERROR = 2;
export const ERROR_CLASS = 4;
export const ERROR_RESOURCE = 8;
export const OPERATION = 16;

/** Entries whose strings are parsed at once when learned. */
export const CHUNK = 512;

/** The optional fields of an entry the graph learns from. */
export type OptionalFields = {
  [K in "error" | "operation"]?: LearnedFields[K] | undefined;
};

/** The first code of an entry the graph learns from: `LEARNED` and its optional fields. */
export function learnedFlags({ error, operation }: OptionalFields): number {
  let flags = LEARNED | (operation === undefined ? 0 : OPERATION);
  if (error) {
    flags |= ERROR | (error.errorClass === undefined ? 0 : ERROR_CLASS);
    flags |= error.resource === undefined ? 0 : ERROR_RESOURCE;
  }
  return flags;
}

/** The worker's half: entries written as they are read. */
export class BatchWriter {
  #codes = new Uint32Array(1 << 15);
  #length = 0;
  #times: number[] = [];
  #strings = new JsonStrings();
  #ahead = new JsonStrings();

  constructor() {
    this.#ahead.open();
  }

  /** Entries written since the last `take()`. */
  get size(): number {
    return this.#times.length;
  }

  /** Adds an entry: its occurrence id, log time, and what the graph learns (0: nothing). */
  add(id: string, time: number, fields: LearnedFields | 0): void {
    if (fields === 0) return this.begin(time, NOTHING);
    const { images, dependsOn, resources } = fields;
    this.begin(time, learnedFlags(fields), images.length, dependsOn.length, resources.length);
    if (images.length > 0) {
      for (const s of [fields.service, fields.status, ...images]) this.#ahead.string(s);
    }
    for (const s of [id, fields.deployId, fields.service, fields.namespace]) this.string(s);
    for (const s of [fields.strategy, fields.status, fields.startedAt, fields.finishedAt]) {
      this.string(s);
    }
    for (const dependency of dependsOn) this.string(dependency);
    for (const { key, action } of resources) (this.string(key), this.string(action));
    this.optional(fields);
  }

  /** Appends the entry's last strings: its error's and operation's, as `learnedFlags` says. */
  optional({ error, operation }: OptionalFields): void {
    if (error) {
      this.string(error.code);
      this.string(error.message);
      if (error.errorClass !== undefined) this.string(error.errorClass);
      if (error.resource !== undefined) this.string(error.resource);
    }
    if (operation !== undefined) this.string(operation);
  }

  /**
   * Starts an entry: its time and flags, and for `LEARNED` how many images, dependencies and
   * resources it has.
   */
  begin(time: number, flags: number, images = 0, dependencies = 0, resources = 0): void {
    if (this.#times.length % CHUNK === 0) {
      if (this.#times.length > 0) this.#strings.close();
      this.#strings.open();
    }
    if (this.#length + 4 > this.#codes.length) {
      const grown = new Uint32Array(this.#codes.length * 2);
      grown.set(this.#codes.subarray(0, this.#length));
      this.#codes = grown;
    }
    const codes = this.#codes;
    codes[this.#length++] = flags;
    if (flags & LEARNED) {
      codes[this.#length++] = images;
      codes[this.#length++] = dependencies;
      codes[this.#length++] = resources;
    }
    this.#times.push(time);
  }

  /** Appends the entry's next string (`ahead`: to its service, status and images). */
  string(s: string, ahead = false): void {
    (ahead ? this.#ahead : this.#strings).string(s);
  }

  /** {@linkcode string} for the JSON string `buf[from, to)`, quotes included, as written. */
  literal(buf: Uint8Array, from: number, to: number, ahead = false): void {
    (ahead ? this.#ahead : this.#strings).literal(buf, from, to);
  }

  /** The batch of the entries written since the last call, and what to transfer. */
  take(): [ReplayBatch, ArrayBuffer[]] {
    if (this.#times.length > 0) this.#strings.close();
    this.#ahead.close();
    const [strings, chunks] = this.#strings.take();
    const batch: ReplayBatch = {
      type: "batch",
      codes: this.#codes.slice(0, this.#length),
      times: Float64Array.from(this.#times),
      ahead: this.#ahead.take()[0],
      strings,
      chunks,
    };
    this.#length = 0;
    this.#times = [];
    this.#ahead.open();
    const { codes, times, ahead } = batch;
    return [batch, [codes, times, ahead, strings, chunks].map((a) => a.buffer as ArrayBuffer)];
  }
}
