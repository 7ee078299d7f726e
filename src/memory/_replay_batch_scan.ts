/**
 * `BatchWriter.add` for a record the replay's scanner vouched for (`_replay_scan.ts`): its
 * strings are copied into the batch as they are written in the log, without being decoded.
 */
import { type BatchWriter, learnedFlags, type OptionalFields } from "./_replay_batch.ts";
import { F, type RecordScan } from "./_replay_scan.ts";
import type { IdSpan } from "./_replay_bytes.ts";
import { asciiText } from "./_replay_scan_text.ts";

/** The string fields an entry begins with after its id, in the batch's order. */
const FIRST = ["deployId", "service", "namespace", "strategy", "status", "startedAt", "finishedAt"]
  .map((name) => F[name] as number);
const [SERVICE, STATUS] = [F["service"] as number, F["status"] as number];
const IMAGES = F["images"] as number;
const DEPENDS_ON = F["dependsOn"] as number;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Where each string of a JSON array of strings (no whitespace) is, quotes included. */
class Literals {
  at = new Int32Array(64);
  count = 0;

  read(buf: Uint8Array, from: number): this {
    this.count = 0;
    let i = from + 1; // after `[`
    while (buf[i] === QUOTE) {
      let end = i + 1;
      while (buf[end] !== QUOTE) end += buf[end] === BACKSLASH ? 2 : 1;
      if (2 * this.count + 2 > this.at.length) {
        const grown = new Int32Array(this.at.length * 2);
        grown.set(this.at);
        this.at = grown;
      }
      this.at[2 * this.count] = i;
      this.at[2 * this.count + 1] = end + 1;
      this.count++;
      i = end + 2; // after `",`
    }
    return this;
  }

  write(batch: BatchWriter, buf: Uint8Array, ahead = false): void {
    for (let k = 0; k < this.count; k++) {
      batch.literal(buf, this.at[2 * k] as number, this.at[2 * k + 1] as number, ahead);
    }
  }
}

const images = new Literals();
const dependencies = new Literals();

/**
 * Whether the id between the quotes at `idAt` and `idEnd` (ASCII, no quote or backslash) is
 * its own JSON text: no control character, which `JSON.stringify` would escape.
 */
function plainId(buf: Uint8Array, { idAt, idEnd }: IdSpan): boolean {
  for (let i = idAt + 1; i < idEnd; i++) if ((buf[i] as number) < 0x20) return false;
  return true;
}

/**
 * Adds the entry of the record `scan` last vouched for in `buf` (its error and operation as
 * read from it), as `batch.add(id, time, learnedFields(record))` would. The id is given, or
 * where `buf` holds its ASCII bytes in quotes (`recordSpan`): then copied, not encoded.
 */
export function addScanned(
  batch: BatchWriter,
  id: string | IdSpan,
  time: number,
  buf: Uint8Array,
  scan: RecordScan,
  record: OptionalFields,
): void {
  images.read(buf, scan.at[2 * IMAGES] as number);
  dependencies.read(buf, scan.at[2 * DEPENDS_ON] as number);
  batch.begin(time, learnedFlags(record), images.count, dependencies.count, scan.resourceCount);
  const value = (slot: number, ahead = false) =>
    batch.literal(buf, scan.at[2 * slot] as number, scan.at[2 * slot + 1] as number, ahead);
  if (images.count > 0) {
    value(SERVICE, true);
    value(STATUS, true);
    images.write(batch, buf, true);
  }
  if (typeof id === "string") batch.string(id);
  else if (plainId(buf, id)) batch.literal(buf, id.idAt, id.idEnd + 1);
  else batch.string(asciiText(buf, id.idAt + 1, id.idEnd));
  for (const slot of FIRST) value(slot);
  dependencies.write(batch, buf);
  const at = scan.resources;
  for (let r = 0; r < scan.resourceCount; r++) {
    batch.literal(buf, at[4 * r] as number, at[4 * r + 1] as number);
    batch.literal(buf, at[4 * r + 2] as number, at[4 * r + 3] as number);
  }
  batch.optional(record);
}
