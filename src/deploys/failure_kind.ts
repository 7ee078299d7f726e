/** Which failures are the service's own: the only ones memory learns from and DORA counts. */
import type { DeployRecord } from "./record.ts";
import type { DeployError } from "./types.ts";

/** Codes of a cluster that refused the change before anything changed: no failure of the service. */
export const REFUSAL_CODES: ReadonlySet<string> = new Set([
  "KUBE_CONFLICT",
  "KUBE_INVALID",
  "KUBE_FORBIDDEN",
  "KUBE_UNAUTHORIZED",
  "KULTA_NOT_INSTALLED",
  "DEPLOY_IN_PROGRESS",
]);

/** Codes of faults of the cluster, the network, the memory store or Nopea itself. */
export const FAULT_CODES: ReadonlySet<string> = new Set([
  "KUBECONFIG_INVALID",
  "KUBE_UNREACHABLE",
  "KUBE_SERVER_ERROR",
  "KUBE_UNAUTHORIZED",
  "KUBE_FORBIDDEN",
  "MEMORY_CORRUPT",
  "MEMORY_VERSION",
  "MEMORY_LOCKED",
  "MEMORY_IO",
  "PERMISSION_DENIED",
  "INTERNAL",
  "DEPLOY_INTERRUPTED",
]);

/**
 * Whether an error is a fault of the infrastructure (cluster, network, store), an
 * interruption, or Nopea's own — never the deployed service's failure.
 *
 * @example
 * ```ts
 * import { isInfrastructureFault } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * equal(isInfrastructureFault({ code: "KUBE_SERVER_ERROR" }), true);
 * equal(isInfrastructureFault({ code: "DEPLOY_FAILED" }), false);
 * ```
 */
export function isInfrastructureFault(error: Pick<DeployError, "code">): boolean {
  return FAULT_CODES.has(error.code);
}

/**
 * Whether a record is a failure of the service itself: it failed (or was rolled back after
 * failing) for a reason of its own, not a refusal, an interruption or an infrastructure fault.
 * Memory learns failure patterns, failure rates and the change failure rate from these only.
 *
 * @example
 * ```ts
 * import { isServiceFailure, type DeployRecord } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const failed = { status: "failed", error: { code: "DEPLOY_FAILED", message: "CrashLoopBackOff" } };
 * equal(isServiceFailure(failed as DeployRecord), true);
 * equal(isServiceFailure({ ...failed, status: "refused" } as DeployRecord), false);
 * ```
 */
export function isServiceFailure(record: Pick<DeployRecord, "status" | "error">): boolean {
  if (record.status !== "failed" && record.status !== "rolledback") return false;
  if (record.status === "rolledback" && record.error === undefined) return false;
  return record.error === undefined || !isInfrastructureFault(record.error);
}

/** Whether a record is a rollback (or heal) that went through: it ends an open failure. */
export function isRecovery(record: Pick<DeployRecord, "status" | "error">): boolean {
  return record.status === "rolledback" && record.error === undefined;
}
