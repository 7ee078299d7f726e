/**
 * @module
 * The operation catalogue shared by the CLI, the MCP server and the HTTP API:
 * each operation's name, description for an AI caller, zod input and output
 * schemas, hints (read-only, destructive, idempotent) and `run(engine, input)`.
 * No transport code lives here.
 */
export { MEMORY_OPERATIONS, operation, OPERATIONS } from "./catalogue.ts";
export {
  type AnyOperation,
  type Operation,
  type OperationHints,
  type OperationName,
  parseInput,
  type RunContext,
} from "./operation.ts";
export { deployOperation, diffOperation } from "./ops_deploy.ts";
export {
  contextOperation,
  explainOperation,
  historyOperation,
  servicesOperation,
} from "./ops_memory.ts";
export { healthOperation, statusOperation } from "./ops_status.ts";
export { promoteOperation, rollbackOperation } from "./ops_progressive.ts";
export { driftOperation } from "./ops_drift.ts";
export { healOperation } from "./ops_heal.ts";
export { unlockOperation } from "./ops_unlock.ts";
export { deleteOperation } from "./ops_delete.ts";
export { resumeOperation, suspendOperation } from "./ops_gitops.ts";
export {
  memoryExportOperation,
  memoryGraphOperation,
  memoryImportOperation,
  memoryPruneOperation,
  memoryStatsOperation,
} from "./ops_memory_admin.ts";
export { type ClusterSide, memorySyncOperation } from "./ops_memory_sync.ts";
export { cursorOf, paginate } from "./_schemas.ts";
