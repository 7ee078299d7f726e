/**
 * @module
 * The one set of deploy types that memory, occurrences, the engine and every door share: the
 * record of a deploy, the result of a live call (the record plus dry run and drift), what
 * happened to each object, the strategy, the status and the deploy error. Pure: no I/O.
 */
export {
  FAULT_CODES,
  isInfrastructureFault,
  isRecovery,
  isServiceFailure,
  REFUSAL_CODES,
} from "./failure_kind.ts";
export { parseDeployRecord } from "./parse_record.ts";
export { type DeployRecord, type DeployResult, recordOf } from "./record.ts";
export {
  DEPLOY_STATUSES,
  DEPLOY_TRIGGERS,
  type DeployError,
  type DeployOperation,
  type DeployStatus,
  type DeployTrigger,
  type DriftEntry,
  RESOURCE_ACTIONS,
  type ResourceAction,
  type ResourceOutcome,
  type ResourceReadiness,
  type SourceRevision,
  STRATEGIES,
  type Strategy,
} from "./types.ts";
