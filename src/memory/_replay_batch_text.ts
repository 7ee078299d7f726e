/**
 * The JSON text of arrays of strings, written a string at a time: what a replay batch
 * (`_replay_batch.ts`) carries its strings in, for the learning thread to parse an array at once.
 */

const encoder = new TextEncoder();
const OPEN = 0x5b;
const CLOSE = 0x5d;
const COMMA = 0x2c;

/** Arrays of strings as JSON text, one after the other. */
export class JsonStrings {
  #buf = new Uint8Array(1 << 20);
  #length = 0;
  #first = true;
  /** Where each array closed since the last `take()` ends. */
  #ends: number[] = [];

  /** Starts an array. */
  open(): void {
    this.#room(1);
    this.#buf[this.#length++] = OPEN;
    this.#first = true;
  }

  /** Ends the array. */
  close(): void {
    this.#room(1);
    this.#buf[this.#length++] = CLOSE;
    this.#ends.push(this.#length);
  }

  /** Appends a string to the array. */
  string(s: string): void {
    // JSON escapes a UTF-16 unit in at most 6 bytes (`\u001f`); UTF-8 takes at most 3.
    this.#comma(s.length * 6 + 2);
    this.#length += encoder.encodeInto(JSON.stringify(s), this.#buf.subarray(this.#length)).written;
  }

  /** Appends the JSON string `src[from, to)`, quotes included, as it is written. */
  literal(src: Uint8Array, from: number, to: number): void {
    this.#comma(to - from);
    const buf = this.#buf;
    let at = this.#length;
    for (let i = from; i < to; i++) buf[at++] = src[i] as number;
    this.#length = at;
  }

  /** The text written since the last call, and where each of its arrays ends. */
  take(): [Uint8Array, Uint32Array] {
    const taken: [Uint8Array, Uint32Array] = [
      this.#buf.slice(0, this.#length),
      Uint32Array.from(this.#ends),
    ];
    this.#length = 0;
    this.#ends = [];
    return taken;
  }

  #comma(n: number): void {
    this.#room(n + 1);
    if (this.#first) this.#first = false;
    else this.#buf[this.#length++] = COMMA;
  }

  #room(n: number): void {
    if (this.#length + n <= this.#buf.length) return;
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#length + n));
    grown.set(this.#buf.subarray(0, this.#length));
    this.#buf = grown;
  }
}
