/**
 * @module
 * Drift: normalizing objects, reading `managedFields` ownership, the three-way drift check of
 * last-applied, desired and live objects (DESIGN §5), post-apply verification, and readable
 * diffs with Secret values masked. Pure code: callers pass the objects in; nothing here talks
 * to a cluster, reads files or touches `Deno.*`.
 */
export { type FieldPath, formatPath, type PathElement, valueAtPath } from "./field_path.ts";
export {
  BOOKKEEPING_ANNOTATIONS,
  normalize,
  type NormalizeOptions,
  stableJson,
} from "./normalize.ts";
export { ownedFields } from "./owned_fields.ts";
export {
  DEFAULT_TRUSTED_MANAGERS,
  type DriftClass,
  type DriftField,
  type DriftResult,
  type IgnoreRule,
  threeWayDiff,
  type ThreeWayDiffOptions,
} from "./three_way_diff.ts";
export { type AppliedDrift, verifyApplied, verifyObject } from "./verify_applied.ts";
export {
  type DiffAction,
  diffAction,
  type DiffEntry,
  renderDiff,
  type RenderDiffOptions,
} from "./render_diff.ts";
// Kept for src/engine/diff_operation.ts until it imports `maskForDisplay` from src/secrets/mod.ts.
