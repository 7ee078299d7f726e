/**
 * The record scanner of the replay's reading worker: it proves, in one pass over a record's
 * bytes, that `JSON.parse` + `checkedRecord` would give a valid record in the current shape,
 * and notes where each value is, so only the few values the worker reads become strings. It
 * vouches only for the shape Nopea writes (known keys, each once, no whitespace, plain ASCII
 * where a value is read); anything else is left to `JSON.parse` + `checkedRecord`.
 */
import { Keys } from "./_replay_scan_keys.ts";
import { FIELDS, type Kind, KINDS, skipKind } from "./_replay_scan_fields.ts";

/** Slots of the fields the worker reads. */
export const F = Object.fromEntries(FIELDS.map(([name], i) => [name, i])) as Record<
  string,
  number
>;
/** Each field's key. */
const KEYS = new Keys(FIELDS.map(([name]) => name));
const REQUIRED = FIELDS.reduce((mask, [, , required], i) => required ? mask | (1 << i) : mask, 0);

/** Where each value of the record last scanned is: `[from, to)` in slot `2i`, `2i + 1`. */
export class RecordScan {
  readonly at = new Int32Array(2 * FIELDS.length);
  /** Each resource's `key` and `action` value: `[keyFrom, keyTo, actionFrom, actionTo]`. */
  resources = new Int32Array(64);
  resourceCount = 0;
  /** Which fields the record has, a bit each. */
  present = 0;
  /** The bytes last scanned, seen through a `DataView`. */
  view: DataView = new DataView(new ArrayBuffer(0));
  #viewed: Uint8Array | undefined;

  #viewOf(buf: Uint8Array): DataView {
    if (this.#viewed !== buf) {
      this.#viewed = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    }
    return this.view;
  }

  /** The value of field `slot` is there. */
  has(slot: number): boolean {
    return (this.present & (1 << slot)) !== 0;
  }

  /**
   * Whether the record `buf[from, to)` (`{` to its `}`) is in the shape the scanner vouches
   * for; the positions of its values are then noted.
   */
  scan(buf: Uint8Array, from: number, to: number): boolean {
    if (buf[from] !== 0x7b || buf[to - 1] !== 0x7d) return false;
    this.present = 0;
    this.resourceCount = 0;
    const view = this.#viewOf(buf);
    let i = from + 1;
    let guess = 0;
    for (;;) {
      const field = KEYS.find(view, i, to, guess);
      if (field < 0 || this.has(field)) return false;
      const start = i + (KEYS.bytes[field] as Uint8Array).length;
      i = skipKind(KINDS[field] as Kind, buf, start, to, this);
      if (i < 0) return false;
      this.present |= 1 << field;
      this.at[2 * field] = start;
      this.at[2 * field + 1] = i;
      guess = field + 1;
      if (buf[i] !== 0x2c) break;
      i++;
    }
    return i === to - 1 && (this.present & REQUIRED) === REQUIRED;
  }
}
