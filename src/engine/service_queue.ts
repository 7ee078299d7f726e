/** serializeBy: one deploy of a service at a time, whatever door the caller came through. */

/** Runs tasks one at a time per key; different keys run concurrently. */
export interface KeyedQueue {
  /** Runs `task` after every earlier task of the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting. */
  active(): string[];
  /** Whether a task of `key` is running or waiting. */
  busy(key: string): boolean;
}

/**
 * A per-key serializing queue (the original's per-service agent).
 *
 * @example
 * ```ts
 * import { serializeBy } from "./service_queue.ts";
 * import { deepEqual } from "node:assert/strict";
 * const queue = serializeBy();
 * const order: number[] = [];
 * await Promise.all([1, 2].map((n) => queue.run("api", async () => { order.push(n); })));
 * deepEqual(order, [1, 2]);
 * ```
 */
export function serializeBy(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  const counts = new Map<string, number>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const next = previous.then(task, task);
      const settled = next.then(() => undefined, () => undefined).finally(() => {
        const left = (counts.get(key) ?? 1) - 1;
        if (left === 0) {
          counts.delete(key);
          tails.delete(key);
        } else counts.set(key, left);
      });
      tails.set(key, settled);
      return next;
    },
    active: () => [...counts.keys()],
    busy: (key) => counts.has(key),
  };
}
