/**
 * One sync at a time per source. A request that arrives while a sync waits shares it; one that
 * arrives while a sync runs upgrades that sync's trigger (a webhook and a poll that find the same
 * new commit together deploy it once, recorded as `webhook`) and queues one follow-up, which
 * deploys a newer commit if the push announced one, else finds the source unchanged.
 */
import type { DeployTrigger } from "../deploys/mod.ts";
import type { SourceState, SyncOutcome } from "./sync_state.ts";

/** The trigger of one sync; mutable until the sync starts its deploy (which reads it). */
export interface SyncRun {
  /** What asked for the sync. */
  trigger: DeployTrigger;
  /** Aborts the deploy (the loop's stop). */
  signal?: AbortSignal;
}

/** A watched source and its queue of syncs. */
export interface SourceSlot {
  /** The source and what the loop knows of it. */
  state: SourceState;
  /** The last sync queued (settled once it ended, whatever the outcome). */
  chain: Promise<unknown>;
  /** The sync waiting for the one running: joined by new requests. */
  queued?: { outcome: Promise<SyncOutcome>; run: SyncRun } | undefined;
  /** The sync running now. */
  running?: SyncRun | undefined;
}

/** How specific each trigger is: a push names the commit, a person asked on purpose. */
const SPECIFICITY: Readonly<Record<DeployTrigger, number>> = { poll: 0, webhook: 1, manual: 2 };

/**
 * The more specific of two triggers (`manual` over `webhook` over `poll`).
 *
 * @example
 * ```ts
 * import { moreSpecific } from "./sync_queue.ts";
 * import { equal } from "node:assert/strict";
 * equal(moreSpecific("poll", "webhook"), "webhook");
 * ```
 */
export function moreSpecific(a: DeployTrigger, b: DeployTrigger): DeployTrigger {
  return SPECIFICITY[b] > SPECIFICITY[a] ? b : a;
}

/** A request joins a sync: the more specific trigger, and a stop signal if the sync had none. */
function join(run: SyncRun, request: SyncRun): void {
  run.trigger = moreSpecific(run.trigger, request.trigger);
  if (!run.signal && request.signal) run.signal = request.signal;
}

/** A fresh slot for a source. */
export function newSlot(state: SourceState): SourceSlot {
  return { state, chain: Promise.resolve() };
}

/**
 * Queues a sync of the slot's source for `trigger`: shares the waiting one (raising its trigger)
 * or queues a new one after the running one (raising the running one's trigger too, which counts
 * until its deploy starts). `perform` does the sync.
 */
export function queueSync(
  slot: SourceSlot,
  request: SyncRun,
  perform: (run: SyncRun) => Promise<SyncOutcome>,
): Promise<SyncOutcome> {
  if (slot.running) join(slot.running, request);
  if (slot.queued) {
    join(slot.queued.run, request);
    return slot.queued.outcome;
  }
  const run: SyncRun = { ...request };
  const outcome = slot.chain.then(async () => {
    slot.queued = undefined;
    slot.running = run;
    try {
      return await perform(run);
    } finally {
      slot.running = undefined;
    }
  });
  slot.queued = { outcome, run };
  slot.chain = outcome.catch(() => undefined);
  return outcome;
}
