/** classifyError(): cluster and readiness failures → stable error classes (DESIGN §4.2). Pure. */

/** A normalized error class: what memory learns from, never a raw message. */
export type ErrorClass =
  | "ImagePullBackOff"
  | "ErrImagePull"
  | "CrashLoopBackOff"
  | "CreateContainerConfigError"
  | "ProgressDeadlineExceeded"
  | "FieldManagerConflict"
  | "Forbidden"
  | "Unauthorized"
  | "Invalid"
  | "NotFoundKind"
  | "Timeout"
  | "Unreachable"
  | "ServerError"
  | "RolloutFailed"
  | "Interrupted"
  | "Unknown";

/** What `classifyError` reads: a NopeaError body, a FALSE error, or a readiness failure. */
export interface ClassifiableError {
  /** A NopeaError code, or another tool's code. */
  code: string;
  /** The message. */
  message: string;
  /** A Kubernetes `Status.reason`, or a container waiting / condition reason. */
  reason?: string;
}

/** Every class, with what to check when a deploy fails with it. */
export const ERROR_CLASS_ADVICE: Readonly<Record<ErrorClass, string>> = {
  ImagePullBackOff: "check the image name and tag, and that the registry credentials are valid",
  ErrImagePull: "check the image name and tag, and that the registry credentials are valid",
  CrashLoopBackOff: "read the logs of the crashing container; the new version exits at start-up",
  CreateContainerConfigError:
    "check that the ConfigMaps and Secrets the pod references exist and have the keys it reads",
  ProgressDeadlineExceeded:
    "the rollout did not progress in time; check pod events, resources and readiness probes",
  FieldManagerConflict:
    "another tool owns some fields; remove them from the manifest or use --force-conflicts",
  Forbidden: "grant the deploying user the missing RBAC permission",
  Unauthorized: "refresh the kubeconfig credentials",
  Invalid: "fix the field the API server rejected",
  NotFoundKind: "install the CRD, or fix the apiVersion of the manifest",
  Timeout: "the deploy ran out of time; raise --timeout or find what kept it from becoming ready",
  Unreachable: "check that the cluster's API server is reachable from here",
  ServerError: "the API server failed; check the cluster's health and retry",
  RolloutFailed: "the progressive rollout failed its analysis; check the canary's metrics and logs",
  Interrupted: "the deploy was stopped by a person or its caller; deploy again to finish it",
  Unknown: "read the error message of the last failed deploy",
};

/** Every error class. */
export const ERROR_CLASSES: readonly ErrorClass[] = Object.keys(ERROR_CLASS_ADVICE) as ErrorClass[];

const BY_LOWER = new Map(ERROR_CLASSES.map((c) => [c.toLowerCase(), c]));

/** Readiness reasons that name a class outright (container waiting reasons, conditions). */
const READINESS = [
  "ImagePullBackOff",
  "ErrImagePull",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "ProgressDeadlineExceeded",
] as const;

const BY_CODE: Readonly<Record<string, ErrorClass>> = {
  KUBE_CONFLICT: "FieldManagerConflict",
  KUBE_FORBIDDEN: "Forbidden",
  KUBE_UNAUTHORIZED: "Unauthorized",
  KUBECONFIG_INVALID: "Unauthorized",
  KUBE_INVALID: "Invalid",
  MANIFEST_INVALID: "Invalid",
  MANIFEST_PARSE: "Invalid",
  SPEC_INVALID: "Invalid",
  KUBE_NOT_FOUND_KIND: "NotFoundKind",
  KULTA_NOT_INSTALLED: "NotFoundKind",
  KUBE_UNREACHABLE: "Unreachable",
  KUBE_SERVER_ERROR: "ServerError",
  ROLLOUT_FAILED: "RolloutFailed",
  TIMEOUT: "Timeout",
  DEPLOY_TIMEOUT: "Timeout",
  DEPLOY_INTERRUPTED: "Interrupted",
};

/** Kubernetes `Status.reason` values. */
const BY_REASON: Readonly<Record<string, ErrorClass>> = {
  Conflict: "FieldManagerConflict",
  Forbidden: "Forbidden",
  Unauthorized: "Unauthorized",
  Invalid: "Invalid",
  BadRequest: "Invalid",
  Timeout: "Timeout",
  ServerTimeout: "Timeout",
  DeadlineExceeded: "Timeout",
  InternalError: "ServerError",
  ServiceUnavailable: "ServerError",
  TooManyRequests: "ServerError",
  Failed: "RolloutFailed",
};

const MESSAGE_RULES: readonly [RegExp, ErrorClass][] = [
  [/conflict/i, "FieldManagerConflict"],
  [/timed? ?out|deadline exceeded|timeout/i, "Timeout"],
  [
    /econnrefused|connection refused|unreachable|enotfound|connection reset|no route to host/i,
    "Unreachable",
  ],
  [/rollout.*\bfail|phase "?failed/i, "RolloutFailed"],
  [/forbidden/i, "Forbidden"],
  [/unauthori[sz]ed/i, "Unauthorized"],
  [/no matches for kind|could not find the requested resource/i, "NotFoundKind"],
];

/**
 * Reads a class name back (any case), e.g. a lowercased graph node name; `undefined` if unknown.
 *
 * @example
 * ```ts
 * import { errorClassOf } from "./classify.ts";
 * import { equal } from "node:assert/strict";
 * equal(errorClassOf("crashloopbackoff"), "CrashLoopBackOff");
 * ```
 */
export function errorClassOf(name: string): ErrorClass | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/**
 * Maps an error (NopeaError code, Kubernetes reason, readiness reason, message) to
 * a stable {@linkcode ErrorClass}. A readiness reason named in `reason` or the
 * message wins, then the code, then the Kubernetes reason, then the message.
 *
 * @param error The code, message and optional reason.
 * @returns The class; `Unknown` when nothing matches.
 *
 * @example
 * ```ts
 * import { classifyError } from "./classify.ts";
 * import { equal } from "node:assert/strict";
 * equal(classifyError({ code: "KUBE_CONFLICT", message: "field manager conflict" }), "FieldManagerConflict");
 * equal(classifyError({ code: "INTERNAL", message: "x", reason: "CrashLoopBackOff" }), "CrashLoopBackOff");
 * ```
 */
export function classifyError(error: ClassifiableError): ErrorClass {
  const reason = error.reason ?? "";
  const exact = errorClassOf(reason);
  if (exact && exact !== "Unknown") return exact;
  for (const r of READINESS) {
    if (error.message.includes(r)) return r;
  }
  const byCode = BY_CODE[error.code.toUpperCase()];
  if (byCode) return byCode;
  const byReason = BY_REASON[reason];
  if (byReason) return byReason;
  if (error.code === "KUBE_NOT_FOUND" && /kind|resource type/i.test(error.message)) {
    return "NotFoundKind";
  }
  for (const [re, cls] of MESSAGE_RULES) {
    if (re.test(error.message)) return cls;
  }
  return "Unknown";
}
