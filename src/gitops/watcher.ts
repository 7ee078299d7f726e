/**
 * createWatcher: the loop of `nopea watch`. Each source is polled when due, synced (one sync at
 * a time per source; a burst of requests shares one sync to the newest commit) and then checked
 * for drift. Tests drive it tick by tick with `tick()` on a manual clock.
 */
import type { DeployTrigger } from "../deploys/mod.ts";
import { NopeaError } from "../shared/mod.ts";
import { driftNotifications } from "./drift_notice.ts";
import { incidentNotifier } from "./incident_events.ts";
import { reconcileSource } from "./reconcile.ts";
import { followRollouts } from "./rollout_follower.ts";
import { initialStatus } from "./source_status.ts";
import { newSlot, queueSync, type SourceSlot } from "./sync_queue.ts";
import { syncSource } from "./sync_source.ts";
import type { SourceState } from "./sync_state.ts";
import type { SourceStatus, WatchSource } from "./types.ts";
import type { Watcher, WatcherDeps } from "./watcher_types.ts";

/** The deps, with the notifier of incidents built from `events`. */
type Deps = WatcherDeps & { incidents?: (source: WatchSource, status: SourceStatus) => void };

function unknownSource(name: string, known: Iterable<string>): NopeaError {
  return new NopeaError("SERVICE_NOT_FOUND", `No watched source "${name}"`, {
    hint: `Watched sources: ${[...known].join(", ") || "none"}`,
  });
}

/** Announces a status; a failing announcement (a status write) is logged, never thrown. */
async function announce(deps: Deps, state: SourceState): Promise<void> {
  deps.incidents?.(state.source, state.status);
  try {
    await deps.onStatus?.(state.status, state.source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.log("warn", `Source "${state.source.name}": status not written: ${message}`);
  }
}

/**
 * Creates the loop over `sources` (names must be distinct).
 *
 * @example
 * ```ts
 * import { createWatcher } from "./watcher.ts";
 * // const watcher = createWatcher(deps, [{ name: "web", service: "web", repo: ".", branch: "main", path: "k8s", intervalMs: 60_000 }]);
 * // await watcher.tick();
 * ```
 */
export function createWatcher(given: WatcherDeps, sources: readonly WatchSource[]): Watcher {
  const deps: Deps = {
    ...given,
    ...(given.events ? { incidents: incidentNotifier(given.events, given.clock) } : {}),
  };
  const slots = new Map<string, SourceSlot>();
  for (const source of sources) {
    if (slots.has(source.name)) {
      throw new NopeaError("SPEC_INVALID", `Two watched sources are called "${source.name}"`, {
        hint: "Give every source its own name",
      });
    }
    const state = { source: { ...source }, status: initialStatus(source, deps.clock.now()) };
    slots.set(source.name, newSlot(state));
  }
  let lastTickAt: number | undefined;
  const notifyDrift = driftNotifications(deps);
  let wake = new AbortController();
  const slotOf = (name: string) => {
    const slot = slots.get(name);
    if (!slot) throw unknownSource(name, slots.keys());
    return slot;
  };
  const sync = (name: string, trigger: DeployTrigger, signal?: AbortSignal) => {
    const slot = slotOf(name);
    return queueSync(slot, { trigger, ...(signal ? { signal } : {}) }, async (run) => {
      const outcome = await syncSource(deps, slot.state, run);
      await announce(deps, slot.state);
      return outcome;
    });
  };
  const tick = async (signal?: AbortSignal) => {
    const now = deps.clock.now();
    const due = [...slots.values()].filter((s) => s.state.status.nextPollAt <= now);
    const outcomes = await Promise.all(due.map(async (slot) => {
      const outcome = await sync(slot.state.source.name, "poll", signal);
      const report = slot.state.status.phase === "Synced" && !signal?.aborted
        ? await reconcileSource(deps, slot.state)
        : undefined;
      if (report) {
        notifyDrift(slot.state, report);
        await announce(deps, slot.state);
      }
      return [slot.state.source.name, outcome] as const;
    }));
    if (deps.followRollouts !== false) await followRollouts(deps.engine, deps.log);
    lastTickAt = deps.clock.now();
    return new Map(outcomes);
  };
  return {
    tick,
    sync,
    suspend(name, suspended) {
      const { state } = slotOf(name);
      state.source.suspend = suspended;
      state.status.phase = suspended ? "Suspended" : "Pending";
      if (!suspended) state.status.nextPollAt = deps.clock.now();
      return state.status;
    },
    upsert(source) {
      const slot = slots.get(source.name);
      const now = deps.clock.now();
      if (!slot) {
        slots.set(
          source.name,
          newSlot({ source: { ...source }, status: initialStatus(source, now) }),
        );
      } else {
        slot.state.source = { ...source };
        delete slot.state.attempted;
        slot.state.status.nextPollAt = now;
      }
      wake.abort();
    },
    remove: (name) => slots.delete(name),
    statuses: () => [...slots.values()].map((s) => s.state.status),
    source: (name) => slots.get(name)?.state.source,
    async run(signal) {
      while (!signal.aborted) {
        await tick(signal);
        const next = Math.min(...[...slots.values()].map((s) => s.state.status.nextPollAt));
        const wait = Number.isFinite(next) ? Math.max(next - deps.clock.now(), 0) : 60_000;
        if (signal.aborted) break;
        if (wake.signal.aborted) {
          wake = new AbortController();
          continue;
        }
        await deps.sleep(Math.max(wait, 10), AbortSignal.any([signal, wake.signal]));
      }
    },
    get lastTickAt() {
      return lastTickAt;
    },
  };
}
