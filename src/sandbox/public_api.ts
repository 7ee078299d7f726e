/**
 * @module
 * The sandbox cluster (`@nopea/nopea/sandbox`): an embedded Kubernetes API server emulator —
 * storage, server-side apply, discovery, watch, simulated controllers and fault knobs — served
 * over HTTPS on loopback, so kubectl and @kubernetes/client-node work against it unchanged. It
 * runs no containers and never talks to a real cluster.
 *
 * @example Start one, deploy to it over HTTPS, stop it
 * ```ts
 * import { startSandbox } from "@nopea/nopea/sandbox";
 * import { equal } from "node:assert/strict";
 * const sandbox = await startSandbox({ port: 0 });
 * equal(sandbox.url.startsWith("https://127.0.0.1:"), true);
 * await sandbox.close();
 * ```
 */
export { type Sandbox, SANDBOX_LIMITATIONS, type SandboxOptions, startSandbox } from "./sandbox.ts";
export {
  type FaultController,
  type FaultRule,
  type FaultStats,
  type FaultVerb,
  type SandboxServer,
} from "./http/mod.ts";
export {
  type ClusterVerb,
  type CrdDefinition,
  type CrdNames,
  type InjectedFailure,
  SandboxCluster,
  SandboxCore,
  SandboxRegistry,
  type ScalePaths,
} from "./core/mod.ts";
export { type ControllerOptions, type FailureRule } from "./controllers/mod.ts";
export {
  type ControllerApi,
  type JsonObject,
  type ObjectEvent,
  type PrinterColumn,
  type ResourceType,
} from "./types.ts";
export {
  type ApiGroupInfo,
  type DeleteRequestOptions,
  type ListQuery,
  type PatchType,
  type RequestScope,
  type ResourceRegistry,
  type SandboxApi,
  type WireWatchEvent,
  type WriteOptions,
} from "./api_types.ts";
