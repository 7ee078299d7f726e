/**
 * What the replay's reading worker makes of a record its scanner vouched for: the few values
 * it reads as strings, and for the history a {@linkcode PendingRecord} that holds those values
 * and where the record's bytes are in the log. The worker parses a pending record only if it
 * is still in a service's history when reading ends (`_replay_scan_pending.ts`): of a million
 * records, the last few per service.
 */
import type { DeployError, DeployOperation, DeployStatus } from "../deploys/mod.ts";
import { isPlainObject } from "../manifests/mod.ts";
import { F, RecordScan } from "./_replay_scan.ts";
import { asciiText, Interner, isoTime, utf8Text } from "./_replay_scan_text.ts";

const slot = (name: string) => F[name] as number;
const [F_DEPLOY_ID, F_SERVICE, F_NAMESPACE, F_STATUS, F_ERROR] = [
  slot("deployId"),
  slot("service"),
  slot("namespace"),
  slot("status"),
  slot("error"),
];
const [F_OPERATION, F_ROLLBACK_OF, F_MANIFESTS_HASH] = [
  slot("operation"),
  slot("rollbackOf"),
  slot("manifestsHash"),
];
/** Where the value of `finishedAt` starts in `RecordScan.at`. */
const FINISHED_AT = 2 * slot("finishedAt");

/**
 * A record of the history whose other fields are still in the log: at byte `at`, `length`
 * bytes of JSON text. It has every field `remember` reads, with the values `JSON.parse` gives.
 */
export class PendingRecord {
  constructor(
    readonly deployId: string,
    readonly service: string,
    readonly namespace: string,
    readonly status: DeployStatus,
    readonly error: DeployError | undefined,
    readonly operation: DeployOperation | undefined,
    readonly rollbackOf: string | undefined,
    readonly manifestsHash: string | undefined,
    readonly at: number,
    readonly length: number,
  ) {}
}

/** A record read by the scanner: its history entry and its end time (ms). */
export interface ScannedRecord {
  record: PendingRecord;
  finished: number;
}

/** Turns records the scanner vouches for into {@linkcode ScannedRecord}s. */
export class RecordReader {
  readonly scan = new RecordScan();
  readonly #names = new Interner();

  /**
   * The record `buf[from, to)` (at byte `at` of the log), or `undefined` when the scanner
   * does not vouch for it (then `JSON.parse` + `checkedRecord` read it).
   */
  read(buf: Uint8Array, from: number, to: number, at: number): ScannedRecord | undefined {
    const scan = this.scan;
    if (!scan.scan(buf, from, to)) return undefined;
    const finished = isoTime(buf, scan.at[FINISHED_AT]! + 1, scan.at[FINISHED_AT + 1]! - 1);
    const error = scan.has(F_ERROR) ? this.#error(buf) : undefined;
    if (Number.isNaN(finished) || error === null) return undefined;
    const record = new PendingRecord(
      this.#text(buf, F_DEPLOY_ID),
      this.#name(buf, F_SERVICE),
      this.#name(buf, F_NAMESPACE),
      this.#name(buf, F_STATUS) as DeployStatus,
      error,
      scan.has(F_OPERATION) ? this.#name(buf, F_OPERATION) as DeployOperation : undefined,
      scan.has(F_ROLLBACK_OF) ? this.#text(buf, F_ROLLBACK_OF) : undefined,
      scan.has(F_MANIFESTS_HASH) ? this.#text(buf, F_MANIFESTS_HASH) : undefined,
      at,
      to - from,
    );
    return { record, finished };
  }

  /** The text of the string value of field `slot`. */
  #text(buf: Uint8Array, slot: number): string {
    return asciiText(buf, this.scan.at[2 * slot]! + 1, this.scan.at[2 * slot + 1]! - 1);
  }

  /** {@linkcode RecordReader.#text} for a value that repeats (one string for each). */
  #name(buf: Uint8Array, slot: number): string {
    return this.#names.get(buf, this.scan.at[2 * slot]! + 1, this.scan.at[2 * slot + 1]! - 1);
  }

  /** The record's error as `JSON.parse` gives it; `null` when it has no string `code`. */
  #error(buf: Uint8Array): DeployError | null {
    const at = this.scan.at;
    const error = JSON.parse(utf8Text(buf, at[2 * F_ERROR]!, at[2 * F_ERROR + 1]!));
    return isPlainObject(error) && typeof error["code"] === "string"
      ? error as unknown as DeployError
      : null;
  }
}
