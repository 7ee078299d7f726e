/**
 * The replay's record scanner checked against what it stands for, `JSON.parse` +
 * `checkedRecord`: a record it reads must be one they return unchanged, with the same values.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { checkedRecord } from "../../src/memory/_replay_check.ts";
import { F } from "../../src/memory/_replay_scan.ts";
import { RecordReader } from "../../src/memory/_replay_scan_record.ts";
export { seeded } from "../_seeded.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const reader = new RecordReader();

/** The record's text as bytes inside a buffer, with `around` bytes before and after it. */
function inBuffer(text: string, around: number): [Uint8Array, number, number] {
  const bytes = encoder.encode(text);
  const buf = new Uint8Array(bytes.length + 8).fill(around);
  buf.set(bytes, 4);
  return [buf, 4, 4 + bytes.length];
}

/**
 * Reads the record text with the scanner and, when it vouches for it, checks every value it
 * gives (and every position it notes) against `JSON.parse` + `checkedRecord`. Returns whether
 * it was scanned (`false`: left to `JSON.parse` + `checkedRecord`).
 */
export function scannedAsParsed(written: string): boolean {
  // As the log holds it: UTF-8 (a lone surrogate of a cut character becomes U+FFFD).
  const text = decoder.decode(encoder.encode(written));
  const results = [0x7d, 0x22, 0x5c].map((around) => {
    const [buf, from, to] = inBuffer(text, around);
    const read = reader.read(buf, from, to, 1000);
    if (read) checkValues(text, buf, read);
    return read !== undefined;
  });
  ok(results.every((r) => r === results[0]), `the bytes around change the answer: ${text}`);
  return results[0] as boolean;
}

function checkValues(
  text: string,
  buf: Uint8Array,
  read: NonNullable<ReturnType<RecordReader["read"]>>,
): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`scanned a record JSON.parse refuses: ${text}`);
  }
  const record = checkedRecord(value);
  ok(record !== undefined && record === value, `scanned a record not valid as it is: ${text}`);
  const { record: pending, finished } = read;
  for (
    const field of [
      "deployId",
      "service",
      "namespace",
      "status",
      "error",
      "operation",
      "rollbackOf",
      "manifestsHash",
    ] as const
  ) deepEqual(pending[field], record[field], `${field} of ${text}`);
  equal(finished, Date.parse(record.finishedAt), text);
  equal(pending.at, 1000);
  equal(pending.length, encoder.encode(text).length);
  const scan = reader.scan;
  const valueAt = (from: number, to: number) => JSON.parse(decoder.decode(buf.subarray(from, to)));
  for (const [name, slot] of Object.entries(F)) {
    const expected: unknown = (record as unknown as Record<string, unknown>)[name];
    if (!scan.has(slot)) equal(expected, undefined, `${name} of ${text}`);
    else {deepEqual(
        valueAt(scan.at[2 * slot]!, scan.at[2 * slot + 1]!),
        expected,
        `${name}: ${text}`,
      );}
  }
  equal(scan.resourceCount, record.resources.length);
  record.resources.forEach((r, i) => {
    const at = scan.resources.subarray(4 * i, 4 * i + 4);
    deepEqual([valueAt(at[0]!, at[1]!), valueAt(at[2]!, at[3]!)], [r.key, r.action], text);
  });
}

/** The record's JSON text with its keys in another order (`order`: some keys first). */
export function reordered(record: DeployRecord, order: string[]): string {
  const fields = record as unknown as Record<string, unknown>;
  const keys = [...order, ...Object.keys(fields).filter((k) => !order.includes(k))];
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, fields[k]])));
}
