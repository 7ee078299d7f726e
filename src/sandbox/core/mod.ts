/**
 * @module
 * The sandbox cluster's core: the object store (resourceVersion, generation, event log),
 * the resource registry (builtin kinds and CRDs), the API verbs with kube-apiserver's
 * checks, defaults and garbage collection (`SandboxCore`), the controllers' view of the
 * store, the clock-driven scheduler, state export/import and the in-process `ClusterPort`
 * door (`SandboxCluster`). No HTTP, no Deno APIs, no timers except the scheduler's.
 */
export { BUILTIN_TYPES } from "./builtin_types.ts";
export { listKeysFromSchema, type SchemaListKeys } from "./crd_schema.ts";
export { compareKubeVersions, SandboxRegistry } from "./registry.ts";
export { type ObjectRef, ObjectStore } from "./object_store.ts";
export type { StoreEvent } from "./_event_log.ts";
export type { CrdDefinition, CrdNames, ScalePaths } from "./_crd.ts";
export { Scheduler, type SchedulerOptions } from "./scheduler.ts";
export {
  type FieldRequirement,
  type LabelRequirement,
  labelSelectorString,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.ts";
export { SandboxCore, type SandboxCoreOptions } from "./sandbox_core.ts";
export { type ClusterVerb, type InjectedFailure, SandboxCluster } from "./sandbox_cluster.ts";
export { STATE_KIND, STATE_VERSION } from "./state.ts";
