/**
 * The nested parts of a record for the replay's record scanner: the resources (each checked as
 * `parseDeployRecord` checks it, its `key` and `action` noted) and the git source.
 */
import { plainString, skipString } from "./_replay_scan_json.ts";
import { skipValue } from "./_replay_scan_value.ts";
import { isOneOf, Keys } from "./_replay_scan_keys.ts";
import { RESOURCE_ACTIONS } from "../deploys/mod.ts";

/** Where the scanner notes each resource's `key` and `action` values, and the bytes' view. */
export interface ResourceSlots {
  resources: Int32Array;
  resourceCount: number;
  view: DataView;
}

const ascii = (s: string) => new TextEncoder().encode(s);

/** A resource's keys (`ResourceOutcome`); the first five are required, `action` is noted. */
const RESOURCE_KEYS = new Keys([
  "key",
  "apiVersion",
  "kind",
  "name",
  "action",
  "namespace",
  "uid",
  "resourceVersion",
  "readiness",
  "message",
  "problems",
  "error",
]);
const KEY = 0;
const ACTION = 4;
const RESOURCE_REQUIRED = 0b11111;
const ACTIONS = RESOURCE_ACTIONS.map((a) => ascii(JSON.stringify(a)));

/** The check of the value of a resource's key `k`. */
function resourceValue(k: number, buf: Uint8Array, at: number, end: number): number {
  if (k === ACTION) {
    const after = plainString(buf, at, end);
    return after > 0 && isOneOf(buf, at, after, ACTIONS) ? after : -1;
  }
  return k < ACTION ? skipString(buf, at, end) : skipValue(buf, at, end);
}

/** The end of one resource object at `at`, its `key` and `action` noted in `slots`, or -1. */
function scanResource(buf: Uint8Array, at: number, end: number, slots: ResourceSlots): number {
  if (buf[at] !== 0x7b) return -1;
  let seen = 0;
  let i = at + 1;
  let guess = 0;
  let keyFrom = 0, keyTo = 0, actionFrom = 0, actionTo = 0;
  for (;;) {
    const k = RESOURCE_KEYS.find(slots.view, i, end, guess);
    if (k < 0 || (seen & (1 << k)) !== 0) return -1;
    const start = i + (RESOURCE_KEYS.bytes[k] as Uint8Array).length;
    i = resourceValue(k, buf, start, end);
    if (i < 0 || i >= end) return -1;
    seen |= 1 << k;
    if (k === KEY) {
      keyFrom = start;
      keyTo = i;
    } else if (k === ACTION) {
      actionFrom = start;
      actionTo = i;
    }
    guess = k + 1;
    if (buf[i] !== 0x2c) break;
    i++;
  }
  if (buf[i] !== 0x7d || (seen & RESOURCE_REQUIRED) !== RESOURCE_REQUIRED) return -1;
  if (slots.resources.length < 4 * (slots.resourceCount + 1)) {
    const grown = new Int32Array(slots.resources.length * 2);
    grown.set(slots.resources);
    slots.resources = grown;
  }
  const n = 4 * slots.resourceCount++;
  slots.resources[n] = keyFrom;
  slots.resources[n + 1] = keyTo;
  slots.resources[n + 2] = actionFrom;
  slots.resources[n + 3] = actionTo;
  return i + 1;
}

/** The end of the `resources` array at `at`, each resource's `key` and `action` noted, or -1. */
export function scanResources(
  buf: Uint8Array,
  at: number,
  end: number,
  slots: ResourceSlots,
): number {
  if (at >= end || buf[at] !== 0x5b) return -1;
  let i = at + 1;
  if (i < end && buf[i] === 0x5d) return i + 1;
  for (;;) {
    i = scanResource(buf, i, end, slots);
    if (i < 0 || i >= end) return -1;
    if (buf[i] === 0x5d) return i + 1;
    if (buf[i++] !== 0x2c) return -1;
  }
}

/** The git source's keys: the first four are required, each value a string. */
const SOURCE_KEYS = new Keys(["name", "repo", "branch", "commit", "previous"]);

/** The end of a git `source` object at `at` (`SourceRevision`; `view`: the bytes), or -1. */
export function scanSource(buf: Uint8Array, at: number, end: number, view: DataView): number {
  if (buf[at] !== 0x7b) return -1;
  let seen = 0;
  let i = at + 1;
  for (;;) {
    const k = SOURCE_KEYS.find(view, i, end, 0);
    if (k < 0 || (seen & (1 << k)) !== 0) return -1;
    i = skipString(buf, i + (SOURCE_KEYS.bytes[k] as Uint8Array).length, end);
    if (i < 0 || i >= end) return -1;
    seen |= 1 << k;
    if (buf[i] !== 0x2c) break;
    i++;
  }
  return buf[i] === 0x7d && (seen & 0b1111) === 0b1111 ? i + 1 : -1;
}
