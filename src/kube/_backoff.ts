/** Retry timing: full-jitter exponential backoff and `Retry-After` parsing. */

/** How long retries wait. */
export interface BackoffPolicy {
  /** First delay ceiling in ms; doubles each retry. */
  baseDelayMs: number;
  /** Upper bound of every delay, `Retry-After` included. */
  maxDelayMs: number;
  /** A random number in [0, 1). */
  random: () => number;
}

/**
 * The delay before retry number `retry` (0 for the first retry): a uniformly random
 * value in [0, min(max, base · 2^retry)] ("full jitter").
 */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/**
 * Reads a `Retry-After` header (delay seconds or an HTTP date) as milliseconds from `nowMs`;
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The delay before retry number `retry`: the server's `Retry-After` when it sent one
 * (capped at `maxDelayMs`), else the jittered backoff.
 */
export function retryDelay(
  retry: number,
  retryAfter: string | undefined,
  policy: BackoffPolicy & { now: () => number },
): number {
  const asked = parseRetryAfter(retryAfter, policy.now());
  return asked === undefined ? backoffDelay(retry, policy) : Math.min(asked, policy.maxDelayMs);
}
