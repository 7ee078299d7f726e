/** Options of KubeCluster and their defaults. */
import { type Logger, silentLogger } from "../shared/mod.ts";
import type { RetryPolicy } from "./_retry.ts";
import type { AdaptiveLimitOptions } from "./_adaptive_limit.ts";

/** Options of {@linkcode KubeCluster}. */
export interface KubeClusterOptions {
  /**
   * The most requests in flight at once; the others queue. Below it the limit adapts: it starts
   * at `initialConcurrency`, rises while the server answers and halves when it pushes back (429,
   * 503 with `Retry-After`, a request timing out). @default 64
   */
  concurrency?: number;
  /**
   * The limit before the server has pushed back. A server under no pressure answers a first
   * wave of `concurrency` requests in one round trip (the dry runs of 100 new objects at 20 ms:
   * 2 round trips instead of 5); the first pushback halves it. @default `concurrency`
   */
  initialConcurrency?: number;
  /** Attempts after the first, for 429, 500/502/503/504 and connection errors. @default 5 */
  retries?: number;
  /** First backoff ceiling in ms; doubles per retry (full jitter). @default 200 */
  baseDelayMs?: number;
  /** Upper bound of a backoff delay and of an honoured `Retry-After`. @default 5000 */
  maxDelayMs?: number;
  /** Time allowed for one attempt (a watch: until its stream opens). @default 30000 */
  requestTimeoutMs?: number;
  /** Random numbers in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** How retries wait; inject to record delays in tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Where request retries and watch reconnects are logged. @default silentLogger */
  log?: Logger;
}

/** The options with every default filled in. */
export interface ClusterSettings {
  policy: RetryPolicy;
  concurrency: AdaptiveLimitOptions;
  timeoutMs: number;
  log: Logger;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function concurrencyOf(options: KubeClusterOptions): AdaptiveLimitOptions {
  const max = options.concurrency ?? 64;
  return { max, initial: options.initialConcurrency ?? max };
}

/** Fills in the defaults. */
export function settingsOf(options: KubeClusterOptions): ClusterSettings {
  return {
    concurrency: concurrencyOf(options),
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    log: options.log ?? silentLogger,
    policy: {
      retries: options.retries ?? 5,
      baseDelayMs: options.baseDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? realSleep,
      now: () => Date.now(),
    },
  };
}
