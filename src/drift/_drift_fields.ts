/** The fields of a three-way drift check, side by side, and the class they add up to. */
import type { KubeObject } from "../manifests/mod.ts";
import { sameValue } from "./_equal.ts";
import type { DriftClass, DriftField } from "./_drift_types.ts";
import { type FieldPath, valueAtPath } from "./field_path.ts";
import { ownersOf } from "./owned_fields.ts";

/** The normalized manifests, and how to mask a value. */
export interface Sides {
  last: KubeObject | undefined;
  want: KubeObject;
  mask: (path: FieldPath, value: unknown) => unknown;
}

/** The live object and who may change it. */
export interface Judge {
  live: KubeObject;
  now: KubeObject;
  manager: string;
  trusted: ReadonlySet<string>;
}

/** A field of an object the cluster no longer (or never) held: last and desired values. */
export function absentField(sides: Sides, path: string, at: FieldPath): DriftField {
  const { last, want, mask } = sides;
  return {
    path,
    ...present("last", mask(at, last && valueAtPath(last, at))),
    ...present("desired", mask(at, valueAtPath(want, at))),
    changed: last ? "live" : "desired",
    owners: [],
  };
}

/** A field compared with the live object: none when it did not move or both sides agree. */
export function liveField(sides: Sides, judge: Judge, path: string, at: FieldPath): DriftField[] {
  const { last, want, mask } = sides;
  const [l, d, v] = [
    last && valueAtPath(last, at),
    valueAtPath(want, at),
    valueAtPath(judge.now, at),
  ];
  const base = last ? l : v;
  const owners = ownersOf(judge.live, at);
  const trustedOnly = owners.length > 0 && !owners.includes(judge.manager) &&
    owners.every((o) => judge.trusted.has(o));
  const desiredMoved = !sameValue(base, d, at);
  const liveMoved = !trustedOnly && !sameValue(base, v, at);
  if (!desiredMoved && !liveMoved) return [];
  if (desiredMoved && liveMoved && sameValue(d, v, at)) return [];
  const changed = desiredMoved ? (liveMoved ? "both" : "desired") : "live";
  return [{
    path,
    ...present("last", mask(at, l)),
    ...present("desired", mask(at, d)),
    ...present("live", mask(at, v)),
    changed,
    owners,
  }];
}

/** The drift class the differing fields add up to. */
export function classify(fields: readonly DriftField[]): DriftClass {
  const desired = fields.some((f) => f.changed !== "live");
  const live = fields.some((f) => f.changed !== "desired");
  if (desired && live) return "conflict";
  return desired ? "desired_changed" : live ? "manual_drift" : "no_drift";
}

function present<K extends string>(name: K, value: unknown): { [P in K]?: unknown } {
  return value === undefined ? {} : { [name]: value } as { [P in K]?: unknown };
}
