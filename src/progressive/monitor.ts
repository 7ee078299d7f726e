/** monitorRollout(): follows a KULTA Rollout by polling with backoff until it stops somewhere. */
import type { ClusterPort } from "../kube/mod.ts";
import type { ResourceKey } from "../manifests/mod.ts";
import type { Clock } from "../shared/mod.ts";
import { type RolloutView, rolloutViewOf } from "./rollout_view.ts";

/** Why following a Rollout ended. */
export type RolloutStop =
  | "completed"
  | "failed"
  | "awaiting_promotion"
  | "matched"
  | "timeout"
  | "missing"
  | "aborted";

/** How following a Rollout ended, and the last thing seen. */
export interface RolloutOutcome {
  /** Why it ended. */
  stop: RolloutStop;
  /** The last view read; absent only when the Rollout was missing at the first read. */
  view?: RolloutView;
  /** Milliseconds from the first read to the last. */
  elapsedMs: number;
}

/** Options of {@linkcode monitorRollout}. */
export interface MonitorOptions {
  /** Where elapsed time comes from. */
  clock: Clock;
  /** Waits between reads; tests pass one that advances a manual clock. */
  sleep: (ms: number) => Promise<void>;
  /** The longest wait between two reads; reads start 1 s apart and back off to this. */
  pollMs: number;
  /** Following ends with `timeout` after this long. */
  maxMs: number;
  /** Called with every view that differs from the one before (phase, step, weight, message). */
  onChange?: (view: RolloutView, elapsedMs: number) => void;
  /** Ends following with `aborted`. */
  signal?: AbortSignal;
  /** Ends following with `matched` as soon as it returns true (checked before anything else). */
  until?: (view: RolloutView) => boolean;
  /** Whether waiting for promotion ends following. @default true */
  stopAtPromotion?: boolean;
}

const FIRST_POLL_MS = 1000;

function stopOf(view: RolloutView, options: MonitorOptions): RolloutStop | undefined {
  if (options.until?.(view)) return "matched";
  if (view.phase === "Completed") return "completed";
  if (view.phase === "Failed") return "failed";
  if (view.awaitingPromotion && (options.stopAtPromotion ?? true)) return "awaiting_promotion";
  return undefined;
}

/**
 * Follows a Rollout until it is `Completed`, `Failed` (which Nopea treats as terminal although
 * KULTA may move on), waits for promotion, matches `until`, disappears, is aborted, or `maxMs`
 * passes. Reads the Rollout at once, then after 1 s, doubling the wait up to `pollMs` and starting
 * over whenever something changed. Time comes only from `clock` and `sleep`.
 *
 * @param cluster The cluster the Rollout lives in.
 * @param key The Rollout.
 * @param options Clock, sleep, poll interval, limit and callbacks.
 * @returns Why following ended, with the last view.
 *
 * @example A blue-green Rollout in Preview waits for promotion
 * ```ts
 * import { KULTA_CRD, monitorRollout } from "./mod.ts";
 * import { testDeps } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * await using deps = await testDeps();
 * await deps.cluster.apply(KULTA_CRD);
 * const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web:1" }] } };
 * await deps.cluster.apply({ apiVersion: "kulta.io/v1alpha1", kind: "Rollout", metadata: { name: "web", namespace: "default" },
 *   spec: { selector: { matchLabels: { app: "web" } }, template,
 *     strategy: { blueGreen: { activeService: "web", previewService: "web-preview" } } } });
 * const key = { apiVersion: "kulta.io/v1alpha1", kind: "Rollout", namespace: "default", name: "web" };
 * const outcome = await monitorRollout(deps.cluster, key, { clock: deps.clock, sleep: deps.sleep, pollMs: 10_000, maxMs: 60_000 });
 * equal(outcome.stop, "awaiting_promotion");
 * equal(outcome.view?.phase, "Preview");
 * ```
 */
export async function monitorRollout(
  cluster: ClusterPort,
  key: ResourceKey,
  options: MonitorOptions,
): Promise<RolloutOutcome> {
  const start = options.clock.now();
  const first = Math.min(FIRST_POLL_MS, options.pollMs);
  let delay = first;
  let last = "";
  let view: RolloutView | undefined;
  for (;;) {
    const live = await cluster.get(key);
    const elapsedMs = options.clock.now() - start;
    const end = (stop: RolloutStop): RolloutOutcome => ({
      stop,
      ...(view ? { view } : {}),
      elapsedMs,
    });
    if (!live) return end("missing");
    view = rolloutViewOf(live);
    const seen = JSON.stringify([view.phase, view.step, view.weight, view.message]);
    if (seen !== last) {
      last = seen;
      delay = first;
      options.onChange?.(view, elapsedMs);
    }
    const stop = stopOf(view, options);
    if (stop) return end(stop);
    if (options.signal?.aborted) return end("aborted");
    if (elapsedMs >= options.maxMs) return end("timeout");
    await options.sleep(Math.max(1, Math.min(delay, options.maxMs - elapsedMs)));
    delay = Math.min(delay * 2, options.pollMs);
  }
}
