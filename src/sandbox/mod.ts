/**
 * @module
 * The sandbox cluster: an embedded Kubernetes API server emulator (storage,
 * server-side apply, discovery, watch, simulated controllers, fault knobs)
 * served over HTTPS on loopback, so kubectl and @kubernetes/client-node work
 * against it unchanged; plus an in-process door for fast tests. It never
 * talks to a real cluster.
 */
export { type Sandbox, SANDBOX_LIMITATIONS, type SandboxOptions, startSandbox } from "./sandbox.ts";
export { loadSandboxState, saveSandboxState } from "./state_file.ts";
export {
  type FaultController,
  type FaultFlags,
  type FaultRule,
  type FaultStats,
  type FaultVerb,
  parseFaultFlags,
  type SandboxServer,
} from "./http/mod.ts";
export {
  type ClusterVerb,
  type CrdDefinition,
  type CrdNames,
  type InjectedFailure,
  SandboxCluster,
  SandboxCore,
  type SandboxRegistry,
  type ScalePaths,
} from "./core/mod.ts";
export {
  type ControllerOptions,
  DEFAULT_FAILURE_RULES,
  type FailureRule,
  startControllers,
} from "./controllers/mod.ts";
export {
  type ControllerApi,
  type JsonObject,
  type ObjectEvent,
  type ResourceType,
  StatusError,
} from "./types.ts";
export {
  type ApiGroupInfo,
  type ListQuery,
  type PatchType,
  type RequestScope,
  type ResourceRegistry,
  type SandboxApi,
  type WireWatchEvent,
  type WriteOptions,
} from "./api_types.ts";
