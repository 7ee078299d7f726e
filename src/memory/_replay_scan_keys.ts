/**
 * Matching known bytes for the replay's record scanner: an object's keys at a position, and a
 * value that must be one of a few (a status, a strategy, an action).
 */

/** Whether `buf[from, to)` holds exactly the bytes of one of `values`. */
export function isOneOf(buf: Uint8Array, from: number, to: number, values: Uint8Array[]): boolean {
  for (let v = 0; v < values.length; v++) {
    const value = values[v] as Uint8Array;
    if (value.length !== to - from) continue;
    let k = 0;
    while (k < value.length && buf[from + k] === value[k]) k++;
    if (k === value.length) return true;
  }
  return false;
}

/**
 * Object keys to look for, each `"name":` as bytes, compared four bytes at a time (the last
 * four overlapping) through a `DataView` of the bytes.
 */
export class Keys {
  /** Each key's bytes. */
  readonly bytes: Uint8Array[];
  /** Each key's bytes as little-endian words at 0, 4, … and at its length - 4. */
  readonly #words: Uint32Array[];

  constructor(names: readonly string[]) {
    this.bytes = names.map((n) => new TextEncoder().encode(`${JSON.stringify(n)}:`));
    this.#words = this.bytes.map((key) => {
      const view = new DataView(key.buffer, key.byteOffset, key.length);
      const offsets = [];
      for (let o = 0; o < key.length - 4; o += 4) offsets.push(o);
      return Uint32Array.from([...offsets, key.length - 4], (o) => view.getUint32(o, true));
    });
  }

  /**
   * Which key starts at `at` (`view`: the bytes, `end`: where they end), the keys from `guess`
   * on tried first; -1 for none.
   */
  find(view: DataView, at: number, end: number, guess: number): number {
    // Keys usually come in their order, some left out: from the guess on, then the ones before.
    for (let k = guess; k < this.bytes.length; k++) if (this.#fits(view, at, end, k)) return k;
    for (let k = 0; k < guess && k < this.bytes.length; k++) {
      if (this.#fits(view, at, end, k)) return k;
    }
    return -1;
  }

  #fits(view: DataView, at: number, end: number, k: number): boolean {
    const length = (this.bytes[k] as Uint8Array).length;
    if (at + length > end) return false;
    const words = this.#words[k] as Uint32Array;
    const last = words.length - 1;
    for (let w = 0; w < last; w++) if (view.getUint32(at + 4 * w, true) !== words[w]) return false;
    return view.getUint32(at + length - 4, true) === words[last];
  }
}
