/** Three-way drift check of last-applied, desired and live objects (DESIGN §5). */
import { formatKey, keyOf, type KubeObject } from "../manifests/mod.ts";
import { maskFieldForDisplay } from "../secrets/mod.ts";
import { absentField, classify, type Judge, liveField, type Sides } from "./_drift_fields.ts";
import {
  DEFAULT_TRUSTED_MANAGERS,
  type DriftResult,
  type IgnoreRule,
  type ThreeWayDiffOptions,
} from "./_drift_types.ts";
import { type Leaf, leafIndex, learnListShapes, leavesOf, type ListShapes } from "./_leaves.ts";
import { type FieldPath, topField } from "./field_path.ts";
import { normalize } from "./normalize.ts";

export * from "./_drift_types.ts";

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
