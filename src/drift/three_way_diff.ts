/** Three-way drift check of last-applied, desired and live objects (DESIGN §5). */
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { maskFieldForDisplay } from "../secrets/mod.ts";
import { sameValue } from "./_equal.ts";
import { type Leaf, leafIndex, learnListShapes, leavesOf, type ListShapes } from "./_leaves.ts";
import { type FieldPath, topField, valueAtPath } from "./field_path.ts";
import { normalize } from "./normalize.ts";
import { ownersOf } from "./owned_fields.ts";

/** What happened to an object since Nopea last applied it. */
export type DriftClass =
  | "no_drift"
  | "desired_changed"
  | "manual_drift"
  | "conflict"
  | "missing"
  | "new";

/** One field that differs. Secret values are masked (`<secret sha256:abcd1234…>`). */
export interface DriftField {
  /** Server-side apply path, e.g. `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** The value last applied; absent when unset or not recorded. */
  readonly last?: unknown;
  /** The value in the manifest now; absent when unset. */
  readonly desired?: unknown;
  /** The value in the cluster; absent when unset or the object is gone. */
  readonly live?: unknown;
  /** Which side moved away from the last applied value. */
  readonly changed: "desired" | "live" | "both";
  /** The managers owning the field in the live object (empty when none is recorded). */
  readonly owners: readonly string[];
}

/** The drift of one object: its class and the fields behind it. */
export interface DriftResult {
  /** The class: what changed, and on which side. */
  readonly drift: DriftClass;
  /** The object, as {@linkcode formatKey} writes it (`Deployment.apps/prod/api`). */
  readonly key: string;
  /** The fields that differ (for `new` and `missing`, every field the manifests set). */
  readonly fields: readonly DriftField[];
}

/** Fields never to count as drift: a path (prefix; `[*]` matches any item), for one kind or all. */
export interface IgnoreRule {
  /** The kind it applies to (`Deployment`); every kind when absent. */
  readonly kind?: string;
  /** E.g. `.spec.replicas`, `.metadata.annotations`, `.spec.template.spec.containers[*].image`. */
  readonly path: string;
}

/** Options of {@linkcode threeWayDiff}. */
export interface ThreeWayDiffOptions {
  /** Nopea's field manager; default `"nopea"`. */
  manager?: string;
  /** Fields that never count. */
  ignore?: readonly IgnoreRule[];
  /** Managers, besides {@linkcode DEFAULT_TRUSTED_MANAGERS}, whose live changes are not drift. */
  trustedManagers?: readonly string[];
}

/**
 * Managers whose fields are never drift: `kube-controller-manager` (an HPA's `spec.replicas`,
 * written through `/scale`) and cert-manager's `cainjector` (injected `caBundle`).
 */
export const DEFAULT_TRUSTED_MANAGERS: readonly string[] = [
  "kube-controller-manager",
  "cainjector",
];

/**
 * Compares what Nopea last applied, what the manifests want now and what the cluster holds.
 * Only fields a manifest set (last applied or desired) count, so server defaults never do; a
 * live change counts unless the field is now owned only by trusted managers (never by
 * `manager`), which covers HPA replicas and injected CA bundles while still catching
 * `kubectl edit`. Without a last-applied record the live object is the baseline. Values compare
 * after {@linkcode normalize}, with quantities by amount and zero values equal to absence.
 *
 * @param lastApplied The object as Nopea last sent it, or `undefined` if never recorded.
 * @param desired The object as the manifests want it now.
 * @param live The object in the cluster (with `metadata.managedFields`), or `undefined`.
 * @returns `new` (never applied, absent), `missing` (applied, deleted live), `conflict` (both
 * sides changed), `manual_drift`, `desired_changed` or `no_drift`, with the differing fields.
 *
 * @example Someone changed the image with kubectl
 * ```ts
 * import { threeWayDiff } from "./mod.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const deploy = (image: string) => ({
 *   apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: "prod" },
 *   spec: { template: { spec: { containers: [{ name: "app", image }] } } },
 * });
 * const result = threeWayDiff(deploy("api:1"), deploy("api:1"), deploy("api:hotfix"));
 * equal(result.drift, "manual_drift");
 * deepEqual(result.fields.map((f) => [f.path, f.live]), [['.spec.template.spec.containers[name="app"].image', "api:hotfix"]]);
 * ```
 */
export function threeWayDiff(
  lastApplied: KubeObject | undefined,
  desired: KubeObject,
  live: KubeObject | undefined,
  options: ThreeWayDiffOptions = {},
): DriftResult {
  const key = formatKey(keyOf(desired));
  const sides: Sides = {
    last: lastApplied && normalize(lastApplied),
    want: normalize(desired),
    mask: (at: FieldPath, value: unknown) => maskFieldForDisplay(desired, topField(at), value),
  };
  const ignored = (options.ignore ?? [])
    .filter((rule) => rule.kind === undefined || rule.kind === desired.kind)
    .map(ruleMatcher);
  const candidates = [...manifestLeaves([sides.last, sides.want], learnListShapes([live]))]
    .filter(([path]) => !ignored.some((test) => test(path)));
  if (live === undefined) {
    const fields = candidates.map(([path, leaf]) => absentField(sides, path, leaf.path));
    return { drift: sides.last ? "missing" : "new", key, fields };
  }
  const trusted = new Set([...DEFAULT_TRUSTED_MANAGERS, ...(options.trustedManagers ?? [])]);
  const judge: Judge = { live, now: normalize(live), manager: options.manager ?? "nopea", trusted };
  const fields = candidates.flatMap(([path, leaf]) => liveField(sides, judge, path, leaf.path));
  return { drift: classify(fields), key, fields };
}

/** The normalized manifests, and how to mask a value. */
interface Sides {
  last: KubeObject | undefined;
  want: KubeObject;
  mask: (path: FieldPath, value: unknown) => unknown;
}

/** The live object and who may change it. */
interface Judge {
  live: KubeObject;
  now: KubeObject;
  manager: string;
  trusted: ReadonlySet<string>;
}

function absentField(sides: Sides, path: string, at: FieldPath): DriftField {
  const { last, want, mask } = sides;
  return {
    path,
    ...present("last", mask(at, last && valueAtPath(last, at))),
    ...present("desired", mask(at, valueAtPath(want, at))),
    changed: last ? "live" : "desired",
    owners: [],
  };
}

function liveField(sides: Sides, judge: Judge, path: string, at: FieldPath): DriftField[] {
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

function classify(fields: readonly DriftField[]): DriftClass {
  const desired = fields.some((f) => f.changed !== "live");
  const live = fields.some((f) => f.changed !== "desired");
  if (desired && live) return "conflict";
  return desired ? "desired_changed" : live ? "manual_drift" : "no_drift";
}

/** The leaves of the given objects, by formatted path, in order of first appearance. */
function manifestLeaves(
  objs: readonly (KubeObject | undefined)[],
  shapes: ListShapes,
): Map<string, Leaf> {
  const all = new Map<string, Leaf>();
  for (const obj of objs) {
    if (obj === undefined) continue;
    for (const [path, leaf] of leafIndex(leavesOf(obj, shapes))) {
      if (!all.has(path)) all.set(path, leaf);
    }
  }
  return all;
}

function ruleMatcher(rule: IgnoreRule): (path: string) => boolean {
  const path = rule.path.startsWith(".") || rule.path.startsWith("[") ? rule.path : `.${rule.path}`;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const source = path.split("[*]").map(escape).join("\\[[^\\]]*\\]");
  const re = new RegExp(`^${source}(?=$|[.[])`);
  return (p) => re.test(p);
}

function present<K extends string>(name: K, value: unknown): { [P in K]?: unknown } {
  return value === undefined ? {} : { [name]: value } as { [P in K]?: unknown };
}
