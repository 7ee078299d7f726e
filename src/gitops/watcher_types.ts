/** The loop of `nopea watch`: what it needs (WatcherDeps) and what it offers (Watcher). */
import type { DeployTrigger } from "../deploys/mod.ts";
import type { HealReport } from "../engine/mod.ts";
import type { EventSink } from "../events/mod.ts";
import type { DriftNotifier } from "./drift_notifier.ts";
import type { SourceState, SyncDeps, SyncOutcome } from "./sync_state.ts";
import type { SourceStatus, WatchSource } from "./types.ts";

/** What the loop needs: the sync's ports, and a sleep that tests replace. */
export interface WatcherDeps extends SyncDeps {
  /** Waits `ms` milliseconds (aborted early by the signal). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called when a drift check found drift. */
  onDrift?: (state: SourceState, report: HealReport) => void;
  /** Follow progressing canaries and blue-greens to their end at every tick. @default true */
  followRollouts?: boolean;
  /** Where incident CDEvents (drift detected, sync failed) go; none are sent when absent. */
  events?: EventSink;
  /** Where the `notify` policy's drift notices go; none are sent when absent. */
  notifier?: DriftNotifier;
  /** The notify URL of sources without their own (`--notify-url`, `NOPEA_NOTIFY_URL`). */
  notifyUrl?: string;
  /** Called with a source's status after each of its syncs and drift checks. */
  onStatus?: (status: SourceStatus, source: WatchSource) => void | Promise<void>;
}

/** The loop of `nopea watch` over a set of sources. */
export interface Watcher {
  /** Syncs (and drift-checks) every source that is due now, side by side. */
  tick(signal?: AbortSignal): Promise<Map<string, SyncOutcome>>;
  /**
   * Syncs one source now (webhook, manual); requests while one waits share it, and the more
   * specific trigger (`manual` > `webhook` > `poll`) is the one recorded.
   */
  sync(name: string, trigger: DeployTrigger, signal?: AbortSignal): Promise<SyncOutcome>;
  /** Suspends or resumes a source. */
  suspend(name: string, suspended: boolean): SourceStatus;
  /** Adds a source, or replaces its settings (keeping what it synced); due at once. */
  upsert(source: WatchSource): void;
  /** Stops watching a source. */
  remove(name: string): boolean;
  /** Every source's status. */
  statuses(): SourceStatus[];
  /** The source called `name`, if any. */
  source(name: string): WatchSource | undefined;
  /** Ticks until `signal` aborts, sleeping until the next source is due. */
  run(signal: AbortSignal): Promise<void>;
  /** When the loop last finished a tick (ms since the epoch); undefined before the first. */
  readonly lastTickAt: number | undefined;
}
