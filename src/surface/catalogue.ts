/** The operation catalogue: every operation, in the order transports list them. */
import type { AnyOperation, OperationName } from "./operation.ts";
import { deployOperation, diffOperation } from "./ops_deploy.ts";
import {
  contextOperation,
  explainOperation,
  historyOperation,
  servicesOperation,
} from "./ops_memory.ts";
import { healthOperation, statusOperation } from "./ops_status.ts";
import { promoteOperation, rollbackOperation } from "./ops_progressive.ts";
import { driftOperation } from "./ops_drift.ts";
import { healOperation } from "./ops_heal.ts";
import {
  memoryExportOperation,
  memoryGraphOperation,
  memoryImportOperation,
  memoryPruneOperation,
  memoryStatsOperation,
} from "./ops_memory_admin.ts";
import { memorySyncOperation } from "./ops_memory_sync.ts";
import { unlockOperation } from "./ops_unlock.ts";
import { deleteOperation } from "./ops_delete.ts";
import { resumeOperation, suspendOperation } from "./ops_gitops.ts";

/** Every operation, read-only ones first. */
export const OPERATIONS: readonly AnyOperation[] = [
  contextOperation,
  explainOperation,
  historyOperation,
  servicesOperation,
  statusOperation,
  healthOperation,
  driftOperation,
  diffOperation,
  deployOperation,
  promoteOperation,
  rollbackOperation,
  healOperation,
  unlockOperation,
  deleteOperation,
  memorySyncOperation,
  suspendOperation,
  resumeOperation,
];

/**
 * Operations on memory itself (`nopea memory stats|export|import|prune|graph`). The CLI runs them;
 * MCP and HTTP serve only {@linkcode OPERATIONS} unless given these explicitly.
 */
export const MEMORY_OPERATIONS: readonly AnyOperation[] = [
  memoryStatsOperation,
  memoryExportOperation,
  memoryImportOperation,
  memoryPruneOperation,
  memoryGraphOperation,
];

/**
 * The operation called `name`.
 *
 * @example
 * ```ts
 * import { operation } from "./catalogue.ts";
 * import { equal } from "node:assert/strict";
 * equal(operation("deploy")?.hints.destructive, true);
 * ```
 */
export function operation(name: string): AnyOperation | undefined {
  return [...OPERATIONS, ...MEMORY_OPERATIONS].find((op) => op.name === name as OperationName);
}
