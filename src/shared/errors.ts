/** NopeaError: the one class of thrown fault, with a stable `code` and a `hint`. */

/**
 * Stable error codes. They are part of the public contract: renaming one is a
 * breaking change. docs/errors.md lists each with its meaning and usual fix.
 */
export type ErrorCode =
  | "SPEC_INVALID"
  | "MANIFEST_PARSE"
  | "MANIFEST_INVALID"
  | "KUBECONFIG_INVALID"
  | "KUBE_UNREACHABLE"
  | "KUBE_UNAUTHORIZED"
  | "KUBE_FORBIDDEN"
  | "KUBE_NOT_FOUND_KIND"
  | "KUBE_NOT_FOUND"
  | "KUBE_CONFLICT"
  | "KUBE_INVALID"
  | "KUBE_SERVER_ERROR"
  | "KULTA_NOT_INSTALLED"
  | "DEPLOY_FAILED"
  | "DEPLOY_TIMEOUT"
  | "DEPLOY_INTERRUPTED"
  | "DEPLOY_IN_PROGRESS"
  | "DEPLOY_NOT_FOUND"
  | "SERVICE_NOT_FOUND"
  | "MEMORY_CORRUPT"
  | "MEMORY_VERSION"
  | "MEMORY_LOCKED"
  | "MEMORY_IO"
  | "SANDBOX_STATE"
  | "PERMISSION_DENIED"
  | "GIT_FAILED"
  | "INTERNAL";

/** Every error code, in the order docs/errors.md documents them. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "SPEC_INVALID",
  "MANIFEST_PARSE",
  "MANIFEST_INVALID",
  "KUBECONFIG_INVALID",
  "KUBE_UNREACHABLE",
  "KUBE_UNAUTHORIZED",
  "KUBE_FORBIDDEN",
  "KUBE_NOT_FOUND_KIND",
  "KUBE_NOT_FOUND",
  "KUBE_CONFLICT",
  "KUBE_INVALID",
  "KUBE_SERVER_ERROR",
  "KULTA_NOT_INSTALLED",
  "DEPLOY_FAILED",
  "DEPLOY_TIMEOUT",
  "DEPLOY_INTERRUPTED",
  "DEPLOY_IN_PROGRESS",
  "DEPLOY_NOT_FOUND",
  "SERVICE_NOT_FOUND",
  "MEMORY_CORRUPT",
  "MEMORY_VERSION",
  "MEMORY_LOCKED",
  "MEMORY_IO",
  "SANDBOX_STATE",
  "PERMISSION_DENIED",
  "GIT_FAILED",
  "INTERNAL",
];

/** Options of {@linkcode NopeaError}. */
export interface NopeaErrorOptions {
  /** What the user can do about it. */
  hint?: string;
  /** The underlying error. */
  cause?: unknown;
  /** Structured data a transport may show (fields, managers, file, line). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * A fault with a stable machine-readable `code` and a human `hint`.
 *
 * @example Throw and narrow
 * ```ts
 * import { isNopeaError, NopeaError } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const err = new NopeaError("SPEC_INVALID", "Service name is empty", { hint: "Pass --service" });
 * equal(isNopeaError(err) && err.code, "SPEC_INVALID");
 * ```
 */
export class NopeaError extends Error {
  /** Always `"NopeaError"`, so the error is recognised across realms. */
  override name = "NopeaError";
  /** The stable, machine-readable code (one of {@linkcode ERROR_CODES}). */
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  /** Structured data a transport may show (fields, managers, file, line). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /** A fault with `code`, a sentence-case `message` and optional hint, cause and details. */
  constructor(code: ErrorCode, message: string, options: NopeaErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/**
 * Narrows an unknown value to a {@linkcode NopeaError}.
 *
 * @example
 * ```ts
 * import { isNopeaError } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * equal(isNopeaError(new Error("x")), false);
 * ```
 */
export function isNopeaError(e: unknown): e is NopeaError {
  return e instanceof NopeaError ||
    (e instanceof Error && e.name === "NopeaError" && typeof (e as NopeaError).code === "string");
}

/** The JSON shape of an error, shared by CLI `--output json`, MCP and HTTP. */
export interface ErrorBody {
  /** The stable, machine-readable code. */
  code: ErrorCode;
  /** What went wrong, sentence case, no final period. */
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** Structured data (fields, managers, file, line). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * Converts any thrown value into an {@linkcode ErrorBody}; unknown faults become
 * `INTERNAL` without internals (stack traces never reach users).
 *
 * @example
 * ```ts
 * import { toErrorBody } from "./errors.ts";
 * import { equal } from "node:assert/strict";
 * equal(toErrorBody(new TypeError("boom")).code, "INTERNAL");
 * ```
 */
export function toErrorBody(e: unknown): ErrorBody {
  if (isNopeaError(e)) {
    return {
      code: e.code,
      message: e.message,
      ...(e.hint === undefined ? {} : { hint: e.hint }),
      ...(e.details === undefined ? {} : { details: e.details }),
    };
  }
  return {
    code: "INTERNAL",
    message: `Internal error: ${e instanceof Error ? e.message : String(e)}`,
    hint: "This is a bug in Nopea; please report it with the command you ran",
  };
}
