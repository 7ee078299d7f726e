/** The one mapping from outcomes and errors to process exit codes (STYLE R8). */
import { type ErrorCode, isNopeaError } from "../shared/mod.ts";

/** Exit codes of `nopea`. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  infrastructure: 3,
  internal: 70,
  interrupted: 130,
} as const;

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "SPEC_INVALID",
  "MANIFEST_PARSE",
  "MANIFEST_INVALID",
  "DEPLOY_NOT_FOUND",
  "SERVICE_NOT_FOUND",
  "KUBE_NOT_FOUND_KIND",
  "KULTA_NOT_INSTALLED",
  "KUBE_INVALID",
  "KUBE_CONFLICT",
]);

/**
 * The exit code for a thrown error: 2 for bad input, 3 for cluster, kubeconfig or
 * store faults and for a permission Nopea was run without (`PERMISSION_DENIED`), 70 for bugs.
 *
 * @example
 * ```ts
 * import { exitCodeForError } from "./exit_code.ts";
 * import { NopeaError } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * equal(exitCodeForError(new NopeaError("KUBE_UNREACHABLE", "down")), 3);
 * ```
 */
export function exitCodeForError(error: unknown): number {
  if (!isNopeaError(error)) return EXIT.internal;
  if (USAGE_CODES.has(error.code)) return EXIT.usage;
  if (error.code === "INTERNAL") return EXIT.internal;
  if (error.code === "DEPLOY_IN_PROGRESS") return EXIT.failed;
  return EXIT.infrastructure;
}

/** The exit code for a deploy-like outcome status. */
export function exitCodeForStatus(status: string): number {
  return status === "completed" || status === "progressing" ? EXIT.ok : EXIT.failed;
}

/**
 * The exit code for a deploy result: 0 completed, progressing, or rolled back without error;
 * 3 when the cluster could not be reached or a permission was missing; else 1.
 *
 * @example
 * ```ts
 * import { exitCodeForResult } from "./exit_code.ts";
 * import { equal } from "node:assert/strict";
 * equal(exitCodeForResult({ status: "failed", error: { code: "KUBE_UNREACHABLE" } }), 3);
 * ```
 */
export function exitCodeForResult(result: { status: string; error?: { code: string } }): number {
  // A rollback that went through is a success of `nopea rollback`.
  if (result.status === "rolledback" && result.error === undefined) return EXIT.ok;
  if (
    result.status !== "completed" && result.status !== "progressing" &&
    (result.error?.code === "KUBE_UNREACHABLE" || result.error?.code === "PERMISSION_DENIED")
  ) {
    return EXIT.infrastructure;
  }
  return exitCodeForStatus(result.status);
}
