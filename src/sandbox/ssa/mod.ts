/**
 * @module
 * The sandbox cluster's server-side apply engine: Kubernetes field management (managedFields
 * as FieldsV1, list-maps and sets, conflicts, force, status subresource) and the non-apply patch
 * formats (merge, JSON, strategic). Pure functions over JSON objects: no I/O, no clock (callers
 * pass the time), no Deno APIs. It never stores objects, defaults fields or bumps resourceVersion.
 */
export { type ApplyRequest, type ApplyResult, serverSideApply } from "./apply.ts";
export {
  type ApplyConflict,
  conflictError,
  type ConflictStatus,
  conflictStatus,
} from "./conflict_status.ts";
export { type FieldSchema, fieldSetOf, type FieldsV1 } from "./field_set.ts";
export { jsonPatch } from "./json_patch.ts";
export { mergePatch } from "./merge_patch.ts";
export { PatchError } from "./patch_error.ts";
export { recordUpdate, type RecordUpdateOptions } from "./record_update.ts";
export { strategicMergePatch } from "./strategic_merge_patch.ts";
