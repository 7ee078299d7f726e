/** RFC 9457 problem details: the one shape of every HTTP error answer. */
import type { ErrorBody, ErrorCode } from "../shared/mod.ts";

/** The media type of problem documents. */
export const PROBLEM_TYPE = "application/problem+json";

/** An RFC 9457 problem document with Nopea's `code`, `hint` and, for 4xx, `details`. */
export interface ProblemDocument {
  /** A URI naming the kind of problem: `urn:nopea:error:<code>`. */
  type: string;
  /** A short summary of the kind of problem, the same for every problem of the type. */
  title: string;
  /** The HTTP status code. */
  status: number;
  /** What went wrong with this request. */
  detail: string;
  /** Nopea's stable error code (docs/errors.md). */
  code: ErrorCode;
  /** What the caller can do about it. */
  hint?: string;
  /** Structured data (fields, managers, file, line). */
  details?: Readonly<Record<string, unknown>>;
}

const TITLES: Readonly<Record<ErrorCode, string>> = {
  SPEC_INVALID: "Invalid request",
  MANIFEST_PARSE: "Manifest syntax error",
  MANIFEST_INVALID: "Invalid manifest",
  KUBECONFIG_INVALID: "Kubeconfig unusable",
  KUBE_UNREACHABLE: "Cluster unreachable",
  KUBE_UNAUTHORIZED: "Cluster credentials rejected",
  KUBE_FORBIDDEN: "Cluster permission denied",
  KUBE_NOT_FOUND_KIND: "Kind not served by the cluster",
  KUBE_NOT_FOUND: "Object not found in the cluster",
  KUBE_CONFLICT: "Conflict in the cluster",
  KUBE_INVALID: "Object rejected by the cluster",
  KUBE_SERVER_ERROR: "Cluster API server error",
  KULTA_NOT_INSTALLED: "KULTA not installed",
  DEPLOY_FAILED: "Deploy failed",
  DEPLOY_TIMEOUT: "Deploy timed out",
  DEPLOY_INTERRUPTED: "Deploy interrupted",
  DEPLOY_IN_PROGRESS: "Deploy in progress",
  DEPLOY_NOT_FOUND: "Deploy not found",
  SERVICE_NOT_FOUND: "Service not found",
  MEMORY_CORRUPT: "Memory corrupt",
  MEMORY_VERSION: "Memory written by a newer Nopea",
  MEMORY_LOCKED: "Memory locked",
  MEMORY_IO: "Memory unreadable or unwritable",
  SANDBOX_STATE: "Sandbox state unusable",
  PERMISSION_DENIED: "Permission denied",
  GIT_FAILED: "Git source unreadable",
  INTERNAL: "Internal error",
};

/**
 * The problem document of an error body answered with `status`.
 *
 * @example
 * ```ts
 * import { problemDocument } from "./problem.ts";
 * import { equal } from "node:assert/strict";
 * const doc = problemDocument(404, { code: "SERVICE_NOT_FOUND", message: 'No deploy of "x"' });
 * equal(doc.type, "urn:nopea:error:SERVICE_NOT_FOUND");
 * equal(doc.detail, 'No deploy of "x"');
 * ```
 */
export function problemDocument(status: number, body: ErrorBody): ProblemDocument {
  return {
    type: `urn:nopea:error:${body.code}`,
    title: TITLES[body.code] ?? body.code,
    status,
    detail: body.message,
    code: body.code,
    ...(body.hint === undefined ? {} : { hint: body.hint }),
    ...(body.details === undefined ? {} : { details: body.details }),
  };
}

/**
 * A `application/problem+json` response for an error body, with extra headers (`Allow`,
 * `WWW-Authenticate`).
 *
 * @example
 * ```ts
 * import { problemResponse } from "./problem.ts";
 * import { equal } from "node:assert/strict";
 * const res = problemResponse(405, { code: "SPEC_INVALID", message: "No" }, { allow: "GET" });
 * equal(res.headers.get("content-type"), "application/problem+json");
 * equal(res.headers.get("allow"), "GET");
 * ```
 */
export function problemResponse(
  status: number,
  body: ErrorBody,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(problemDocument(status, body)), {
    status,
    headers: { ...headers, "content-type": PROBLEM_TYPE },
  });
}
