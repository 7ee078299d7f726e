/** Small pieces `nopea watch` needs around the loop: a sleep, credentials, a status line. */
import type { GitAuth, SourceStatus } from "./types.ts";

/**
 * Waits `ms` milliseconds, or less when `signal` aborts.
 *
 * @example
 * ```ts
 * import { abortableSleep } from "./watch_support.ts";
 * const stop = new AbortController();
 * stop.abort();
 * await abortableSleep(60_000, stop.signal);
 * ```
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      done();
    }, { once: true });
  });
}

/**
 * Git credentials from `NOPEA_GIT_TOKEN`, or `NOPEA_GIT_USERNAME` and `NOPEA_GIT_PASSWORD`.
 *
 * @example
 * ```ts
 * import { gitAuthFromEnv } from "./watch_support.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(gitAuthFromEnv({ NOPEA_GIT_TOKEN: "t" }), { token: "t" });
 * ```
 */
export function gitAuthFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): GitAuth | undefined {
  const token = env["NOPEA_GIT_TOKEN"] || undefined;
  const username = env["NOPEA_GIT_USERNAME"] || undefined;
  const password = env["NOPEA_GIT_PASSWORD"] || undefined;
  if (!token && !password) return undefined;
  return {
    ...(token ? { token } : {}),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  };
}

/**
 * One line about a source: `web: Synced at 1a2b3c4 (Synced: …)`.
 *
 * @example
 * ```ts
 * import { sourceStatusLine } from "./watch_support.ts";
 * import { equal } from "node:assert/strict";
 * equal(sourceStatusLine({ name: "web", service: "web", phase: "Pending", failures: 0, nextPollAt: 0, conditions: [] }), "web: Pending");
 * ```
 */
export function sourceStatusLine(s: SourceStatus): string {
  const ready = s.conditions.find((c) => c.type === "Ready");
  const commit = s.lastSyncedCommit ? ` at ${s.lastSyncedCommit.slice(0, 7)}` : "";
  return `${s.name}: ${s.phase}${commit}${ready ? ` (${ready.reason}: ${ready.message})` : ""}`;
}
