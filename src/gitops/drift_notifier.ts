/**
 * The `notify` policy's webhook: drift notices POSTed as JSON, one at a time, in order. A failing
 * endpoint is retried with backoff, each failure logged; after the last attempt the notice is
 * dropped (logged). Logs name the endpoint's origin only: a webhook URL's path often holds a
 * token. Nothing here ever throws into the loop.
 */
import type { Logger } from "../shared/mod.ts";
import type { DriftNotice } from "./drift_notice.ts";

/** Where drift notices go. */
export interface DriftNotifier {
  /** Queues a notice for `url` and returns at once; never throws. */
  send(url: string, notice: DriftNotice): void;
  /** Settles once every notice queued so far was delivered or dropped. */
  idle(): Promise<void>;
}

/** Options of {@linkcode httpDriftNotifier}. */
export interface HttpDriftNotifierOptions {
  /** Where failures are logged (`warn`) and dropped notices (`error`). */
  log: Logger;
  /** Waits between attempts (tests pass one that advances a manual clock). */
  sleep: (ms: number) => Promise<void>;
  /** Retries after the first attempt. @default 4 */
  retries?: number;
  /** The first retry's delay, doubled for each next one. @default 1_000 */
  baseDelayMs?: number;
  /** How long one POST may take. @default 10_000 */
  requestTimeoutMs?: number;
}

/** One POST: `""` on a 2xx answer, else what went wrong. */
async function post(url: string, body: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "nopea" },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? "" : `HTTP ${response.status} ${response.statusText}`.trim();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A notifier that POSTs notices over HTTP with retries and backoff.
 *
 * @example
 * ```ts
 * import { httpDriftNotifier } from "./drift_notifier.ts";
 * import { silentLogger } from "../shared/mod.ts";
 * const notifier = httpDriftNotifier({ log: silentLogger, sleep: () => Promise.resolve() });
 * await notifier.idle();
 * ```
 */
export function httpDriftNotifier(options: HttpDriftNotifierOptions): DriftNotifier {
  const retries = Math.max(0, options.retries ?? 4);
  const baseMs = options.baseDelayMs ?? 1_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  let chain: Promise<void> = Promise.resolve();
  const deliver = async (url: string, notice: DriftNotice) => {
    const body = JSON.stringify(notice);
    const about = { source: notice.source, endpoint: URL.parse(url)?.origin ?? "?" };
    let problem = "";
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await options.sleep(baseMs * 2 ** (attempt - 1));
      problem = await post(url, body, timeoutMs);
      if (problem === "") return;
      options.log.log(
        "warn",
        `Drift notification attempt ${attempt + 1} failed: ${problem}`,
        about,
      );
    }
    options.log.log(
      "error",
      `Drift notification of source "${notice.source}" dropped after ${
        retries + 1
      } attempts: ${problem}`,
      about,
    );
  };
  return {
    send(url, notice) {
      chain = chain.then(() => deliver(url, notice)).catch(() => undefined);
    },
    idle: () => chain,
  };
}
