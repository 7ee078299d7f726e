/**
 * The learning thread's half of the batches of `_replay_batch.ts`: the images a batch names
 * are parsed when it arrives (the look-ahead reads them then); each entry's other strings a
 * chunk at a time just before it is learned, and the entry put together from them, so what
 * that makes is garbage soon after.
 */
import type { DeployOperation, DeployStatus, ResourceAction, Strategy } from "../deploys/mod.ts";
import type { ReplayBatch } from "./_fs_replay_protocol.ts";
import type { LearnedFields } from "./_learned_fields.ts";
import { CHUNK, ERROR, ERROR_CLASS, ERROR_RESOURCE, LEARNED, OPERATION } from "./_replay_batch.ts";

const decoder = new TextDecoder();

/** Called for each image an entry the graph learns from names, in log order. */
export type OnImage = (entry: number, image: string, service: string, status: DeployStatus) => void;

/** A batch received: its entries, by index. */
export class ReceivedBatch {
  /** Per entry, where its codes, its strings in `#ahead` (-1: none) and in its chunk begin. */
  readonly #at: Int32Array;
  readonly #codes: Uint32Array;
  readonly #ahead: string[];
  readonly #text: Uint8Array;
  readonly #chunks: Uint32Array;
  /** The chunk parsed last, and its strings. */
  #chunk = -1;
  #strings: string[] = [];
  /** The log time of each entry. */
  readonly times: Float64Array;

  /** Reads `batch`, calling `onImage` for each image named. */
  constructor(batch: ReplayBatch, onImage: OnImage) {
    const codes = this.#codes = batch.codes;
    const ahead = this.#ahead = JSON.parse(decoder.decode(batch.ahead)) as string[];
    [this.#text, this.#chunks, this.times] = [batch.strings, batch.chunks, batch.times];
    const at = this.#at = new Int32Array(3 * batch.times.length);
    let [c, a, s] = [0, 0, 0];
    for (let i = 0; i < batch.times.length; i++) {
      if (i % CHUNK === 0) s = 0;
      [at[3 * i], at[3 * i + 1], at[3 * i + 2]] = [c, -1, s];
      const flags = codes[c++] as number;
      if ((flags & LEARNED) === 0) continue;
      const images = codes[c++] as number;
      s += 8 + (codes[c++] as number) + 2 * (codes[c++] as number) + optionalStrings(flags);
      if (images === 0) continue;
      at[3 * i + 1] = a;
      const [service, status] = [ahead[a] as string, ahead[a + 1] as DeployStatus];
      for (let k = 0; k < images; k++) onImage(i, ahead[a + 2 + k] as string, service, status);
      a += 2 + images;
    }
  }

  /** How many entries the batch holds. */
  get size(): number {
    return this.times.length;
  }

  /** Entry `i`: its occurrence id and the fields the graph learns, or `undefined` (nothing). */
  entry(i: number): [id: string, fields: LearnedFields] | undefined {
    const c = this.#at[3 * i] as number;
    const codes = this.#codes;
    const flags = codes[c] as number;
    if ((flags & LEARNED) === 0) return undefined;
    const ahead = this.#at[3 * i + 1] as number;
    const s = this.#at[3 * i + 2] as number;
    const strings = this.#chunkOf(i);
    const dependencies = s + 8;
    const resources = dependencies + (codes[c + 2] as number);
    const fields: LearnedFields = {
      deployId: strings[s + 1] as string,
      service: strings[s + 2] as string,
      namespace: strings[s + 3] as string,
      strategy: strings[s + 4] as Strategy,
      status: strings[s + 5] as DeployStatus,
      startedAt: strings[s + 6] as string,
      finishedAt: strings[s + 7] as string,
      images: ahead < 0 ? [] : this.#ahead.slice(ahead + 2, ahead + 2 + (codes[c + 1] as number)),
      dependsOn: strings.slice(dependencies, resources),
      resources: [],
    };
    let at = resources;
    for (let r = codes[c + 3] as number; r > 0; r--, at += 2) {
      fields.resources.push({
        key: strings[at] as string,
        action: strings[at + 1] as ResourceAction,
      });
    }
    if (flags & ERROR) {
      fields.error = { code: strings[at++] as string, message: strings[at++] as string };
      if (flags & ERROR_CLASS) fields.error.errorClass = strings[at++] as string;
      if (flags & ERROR_RESOURCE) fields.error.resource = strings[at++] as string;
    }
    if (flags & OPERATION) fields.operation = strings[at] as DeployOperation;
    return [strings[s] as string, fields];
  }

  /** The strings of entry `i`'s chunk, parsed the first time one of its entries is read. */
  #chunkOf(i: number): string[] {
    const chunk = Math.floor(i / CHUNK);
    if (chunk !== this.#chunk) {
      const from = chunk === 0 ? 0 : this.#chunks[chunk - 1] as number;
      const text = this.#text.subarray(from, this.#chunks[chunk]);
      this.#strings = JSON.parse(decoder.decode(text)) as string[];
      this.#chunk = chunk;
    }
    return this.#strings;
  }
}

/** The strings of the optional fields `flags` says an entry has. */
function optionalStrings(flags: number): number {
  return (flags & ERROR ? 2 : 0) + (flags & ERROR_CLASS ? 1 : 0) +
    (flags & ERROR_RESOURCE ? 1 : 0) + (flags & OPERATION ? 1 : 0);
}
