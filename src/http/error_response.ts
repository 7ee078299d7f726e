/** The one mapping from thrown errors to HTTP statuses and `{code, message, hint}` bodies (R8). */
import { type ErrorBody, type ErrorCode, isNopeaError } from "../shared/mod.ts";

const STATUS: Partial<Record<ErrorCode, number>> = {
  SPEC_INVALID: 400,
  MANIFEST_PARSE: 400,
  MANIFEST_INVALID: 400,
  KUBE_NOT_FOUND_KIND: 400,
  SERVICE_NOT_FOUND: 404,
  DEPLOY_NOT_FOUND: 404,
  DEPLOY_IN_PROGRESS: 409,
  KULTA_NOT_INSTALLED: 422,
  KUBE_UNREACHABLE: 503,
  KUBECONFIG_INVALID: 503,
  MEMORY_LOCKED: 503,
  PERMISSION_DENIED: 503,
  DEPLOY_TIMEOUT: 504,
};

/** What a client sees of a fault Nopea did not classify: nothing of its internals. */
const INTERNAL_BODY: ErrorBody = {
  code: "INTERNAL",
  message: "Internal error",
  hint: "The server logged the details; report the request to the operator of this Nopea server",
};

/**
 * The HTTP status for a thrown error: 400 bad input, 404 unknown service or deploy, 409 a deploy
 * of the service is running, 502/503 cluster faults, 500 for everything else.
 *
 * @example
 * ```ts
 * import { httpStatusFor } from "./error_response.ts";
 * import { NopeaError } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * equal(httpStatusFor(new NopeaError("SERVICE_NOT_FOUND", "No deploy of service \"x\"")), 404);
 * equal(httpStatusFor(new NopeaError("KUBE_FORBIDDEN", "Forbidden")), 502);
 * equal(httpStatusFor(new TypeError("boom")), 500);
 * ```
 */
export function httpStatusFor(error: unknown): number {
  if (!isNopeaError(error)) return 500;
  const status = STATUS[error.code];
  if (status !== undefined) return status;
  return error.code.startsWith("KUBE_") ? 502 : 500;
}

/**
 * The status and JSON body answering a thrown error. Unclassified faults (`INTERNAL`, or not a
 * NopeaError) become a generic 500 body; `details` are kept only for 4xx answers, where they
 * tell the caller what to fix.
 *
 * @example
 * ```ts
 * import { errorResponse } from "./error_response.ts";
 * import { deepEqual, equal } from "node:assert/strict";
 * const { status, body } = errorResponse(new Error("secret path /etc/x"));
 * equal(status, 500);
 * deepEqual(Object.keys(body), ["code", "message", "hint"]);
 * equal(body.message, "Internal error");
 * ```
 */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  const status = httpStatusFor(error);
  if (!isNopeaError(error) || error.code === "INTERNAL") return { status, body: INTERNAL_BODY };
  const body: ErrorBody = {
    code: error.code,
    message: error.message,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.details !== undefined && status < 500 ? { details: error.details } : {}),
  };
  return { status, body };
}
