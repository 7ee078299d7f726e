/** The retry loop: which failures are transient, and how often and how long to retry them. */
import { isNopeaError } from "../shared/mod.ts";
import { backoffDelay, type BackoffPolicy, retryDelay } from "./_backoff.ts";

/** Everything the retry loop needs: attempts, timing and the injectable sleep. */
export interface RetryPolicy extends BackoffPolicy {
  /** Attempts after the first. */
  retries: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** What the loop needs to know about a response. */
export interface StatusResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
}

/** Why and when the loop is about to retry; for logging. */
export interface RetryNotice {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  /** `HTTP 503`, or the connection error's text. */
  reason: string;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

const TRANSIENT_NAMES = new Set([
  "TimeoutError",
  "SocketError",
  "ConnectionRefused",
  "ConnectionReset",
  "ConnectionAborted",
  "BrokenPipe",
  "TimedOut",
]);

/** True for the statuses worth retrying: 429 and 500/502/503/504. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

function chain(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let e = error;
  while (typeof e === "object" && e !== null && out.length < 6) {
    out.push(e as Record<string, unknown>);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * True for transient transport failures (refused, reset, dropped, TLS handshake aborted,
 * timed out), looking through the `cause` chain; false for certificate errors and bugs.
 */
export function isConnectionError(error: unknown): boolean {
  if (isNopeaError(error)) return false;
  return chain(error).some((e) =>
    TRANSIENT_CODES.has(String(e["code"])) || TRANSIENT_NAMES.has(String(e["name"])) ||
    /socket disconnected|other side closed|socket hang up|close_notify|connection refused|connection reset|connection closed|tcp connect error|broken pipe|os error (32|104|110|111|113)|incomplete message/i
      .test(String(e["message"]))
  );
}

/** The most specific message in an error's `cause` chain (`connect ECONNREFUSED 127.0.0.1:6443`). */
export function describeCause(error: unknown): string {
  const messages = chain(error).map((e) => String(e["message"] ?? "")).filter((m) => m !== "");
  return messages.at(-1) ?? String(error);
}

/**
 * Runs `send` until it returns a non-retryable response or the attempts run out.
 * Retryable statuses are returned as they are after the last attempt; transient
 * connection errors are rethrown after the last attempt; other errors at once.
 */
export async function withRetries<R extends StatusResponse>(
  send: (attempt: number) => Promise<R>,
  policy: RetryPolicy,
  onRetry: (notice: RetryNotice) => void = () => {},
): Promise<R> {
  for (let attempt = 1;; attempt++) {
    const last = attempt > policy.retries;
    let delayMs: number;
    let reason: string;
    try {
      const response = await send(attempt);
      if (last || !isRetryableStatus(response.status)) return response;
      delayMs = retryDelay(attempt - 1, response.headers["retry-after"], policy);
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (last || !isConnectionError(error)) throw error;
      delayMs = backoffDelay(attempt - 1, policy);
      reason = describeCause(error);
    }
    onRetry({ attempt, delayMs, reason });
    await policy.sleep(delayMs);
  }
}
