/** The sync position, read once, changed by one pull or push at a time, saved when it changed. */
import { emptySyncState, positionOf, type SyncState, type SyncStatePort } from "./sync_state.ts";

/** Runs work on the sync position one at a time. */
export class SerialPosition {
  #port: SyncStatePort;
  #state: SyncState | undefined;
  #chain: Promise<unknown> = Promise.resolve();

  /** The position kept in `port`. */
  constructor(port: SyncStatePort) {
    this.#port = port;
  }

  /** Runs `fn` on the position after the work before it, and saves the position if it changed. */
  run<T>(fn: (state: SyncState) => Promise<T>): Promise<T> {
    const run = this.#chain.then(async () => {
      this.#state ??= (await this.#port.read()) ?? emptySyncState();
      const state = this.#state;
      const before = positionOf(state);
      try {
        return await fn(state);
      } finally {
        // Losing the position costs a longer read later, never a record: a failed save is fine.
        if (positionOf(state) !== before) await this.#port.write(state).catch(() => {});
      }
    });
    this.#chain = run.catch(() => {});
    return run;
  }
}
