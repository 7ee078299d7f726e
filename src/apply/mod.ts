/**
 * @module
 * Applying a plan: server-side apply (field manager `nopea`) of ordered groups, in parallel
 * within a group, skipping objects unchanged since Nopea last applied them, refusing to take
 * over objects another tool manages unless asked; reading what the cluster holds first.
 */
export { applyGroups, type ApplyGroupsOptions, type ApplyOutcome } from "./apply_groups.ts";
export { adoptionProblem, contentHash, isUnchanged } from "./_live_state.ts";
export { liveObjects } from "./live_objects.ts";
export { preflight, type PreflightOptions } from "./preflight.ts";
export {
  PRUNE_ANNOTATION,
  type RemovalOptions,
  type RemovalSelection,
  removeObjects,
  selectRemovals,
} from "./remove.ts";
