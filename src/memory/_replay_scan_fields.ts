/**
 * The fields of a deploy record as the replay's record scanner checks them (`parseDeployRecord`'s
 * rules, narrowed to the shape Nopea writes): each field's kind, whether it is required, and
 * the check of a value of each kind.
 */
import { isOneOf } from "./_replay_scan_keys.ts";
import {
  plainString,
  skipBoolean,
  skipNumber,
  skipString,
  skipStrings,
} from "./_replay_scan_json.ts";
import { skipValue } from "./_replay_scan_value.ts";
import { type ResourceSlots, scanResources, scanSource } from "./_replay_scan_parts.ts";
import { DEPLOY_STATUSES, DEPLOY_TRIGGERS, STRATEGIES } from "../deploys/mod.ts";

const ascii = (s: string) => new TextEncoder().encode(s);
const quoted = (values: readonly string[]) => values.map((v) => ascii(JSON.stringify(v)));

/** How a field's value is checked. */
export const enum Kind {
  Plain,
  String,
  Strings,
  PlainStrings,
  Number,
  Boolean,
  Any,
  Object,
  Strategy,
  Status,
  Trigger,
  Resources,
  Source,
}

/** Each kind of one of a few values, and its values with their quotes, as bytes. */
const ENUMS: Partial<Record<Kind, Uint8Array[]>> = {
  [Kind.Strategy]: quoted(STRATEGIES),
  [Kind.Status]: quoted(DEPLOY_STATUSES),
  [Kind.Trigger]: quoted(DEPLOY_TRIGGERS),
};

/** The record's fields: name, kind, whether required. Their index is their slot. */
export const FIELDS: [string, Kind, boolean][] = [
  ["deployId", Kind.Plain, true],
  ["service", Kind.Plain, true],
  ["namespace", Kind.Plain, true],
  ["strategy", Kind.Strategy, true],
  ["strategyReasons", Kind.Strings, true],
  ["status", Kind.Status, true],
  ["startedAt", Kind.String, true],
  ["finishedAt", Kind.Plain, true],
  ["durationMs", Kind.Number, true],
  ["resources", Kind.Resources, true],
  ["verified", Kind.Boolean, true],
  ["driftCount", Kind.Number, true],
  ["error", Kind.Object, false],
  ["images", Kind.PlainStrings, true],
  ["dependsOn", Kind.Strings, true],
  ["warnings", Kind.Strings, true],
  ["manifestsHash", Kind.Plain, false],
  ["rollbackOf", Kind.Plain, false],
  ["prune", Kind.Any, false],
  ["operation", Kind.Plain, false],
  ["trigger", Kind.Trigger, false],
  ["source", Kind.Source, false],
];
/** Each field's kind, by slot. */
export const KINDS = FIELDS.map(([, kind]) => kind);

/** The end of a value of `kind` at `at`, or -1. */
export function skipKind(
  kind: Kind,
  buf: Uint8Array,
  at: number,
  end: number,
  scan: ResourceSlots,
): number {
  switch (kind) {
    case Kind.Plain:
      return plainString(buf, at, end);
    case Kind.String:
      return skipString(buf, at, end);
    case Kind.Strings:
    case Kind.PlainStrings:
      return skipStrings(buf, at, end, kind === Kind.PlainStrings);
    case Kind.Number:
      return skipNumber(buf, at, end);
    case Kind.Boolean:
      return skipBoolean(buf, at, end);
    case Kind.Object:
      return buf[at] === 0x7b ? skipValue(buf, at, end) : -1;
    case Kind.Resources:
      return scanResources(buf, at, end, scan);
    case Kind.Source:
      return scanSource(buf, at, end, scan.view);
    case Kind.Any:
      return skipValue(buf, at, end);
  }
  const after = plainString(buf, at, end);
  return after > 0 && isOneOf(buf, at, after, ENUMS[kind] as Uint8Array[]) ? after : -1;
}
