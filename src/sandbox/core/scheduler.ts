/** Clock-driven task scheduler of the simulated controllers. */
import type { Clock } from "../../shared/mod.ts";

interface Task {
  at: number;
  seq: number;
  run: () => void;
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Options of {@linkcode Scheduler}. */
export interface SchedulerOptions {
  /** Called with whatever a task throws; the other tasks still run. */
  onError?: (error: unknown) => void;
  /** Most tasks one `runDue()` runs, so a task that keeps rescheduling itself cannot hang it. @default 100000 */
  maxTasksPerRun?: number;
}

/**
 * Runs tasks once the clock reaches their time, earliest first (ties in scheduling order).
 * Tests drive it with a manual clock and `runDue()`; `startTimer()` drives it in real time.
 *
 * @example
 * ```ts
 * import { Scheduler } from "./scheduler.ts";
 * import { fixedClock } from "@nopea/nopea/testing";
 * import { deepEqual } from "node:assert/strict";
 * const clock = fixedClock(0);
 * const scheduler = new Scheduler(clock);
 * const ran: string[] = [];
 * scheduler.schedule(200, () => ran.push("b"));
 * scheduler.schedule(100, () => ran.push("a"));
 * clock.advance(150);
 * scheduler.runDue();
 * deepEqual(ran, ["a"]);
 * ```
 */
export class Scheduler {
  readonly #clock: Clock;
  readonly #heap: Task[] = [];
  readonly #onError: (error: unknown) => void;
  readonly #max: number;
  #seq = 0;
  #running = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;

  /** A scheduler on `clock` with no task. */
  constructor(clock: Clock, options: SchedulerOptions = {}) {
    this.#clock = clock;
    this.#onError = options.onError ?? (() => {});
    this.#max = options.maxTasksPerRun ?? 100_000;
  }

  /** Whether {@linkcode startTimer} runs due tasks in real time. */
  get running(): boolean {
    return this.#running;
  }

  /** Number of pending tasks. */
  get size(): number {
    return this.#heap.length;
  }

  /** Time of the earliest pending task, or `undefined`. */
  nextAt(): number | undefined {
    return this.#heap[0]?.at;
  }

  /** Runs `task` once the clock reaches `atMs`. */
  schedule(atMs: number, task: () => void): void {
    this.#push({ at: atMs, seq: this.#seq++, run: task });
    if (this.#running && atMs < this.#timerAt) this.#arm();
  }

  /** Runs every due task in time order, including tasks they schedule; returns how many ran. */
  runDue(): number {
    let ran = 0;
    while (ran < this.#max) {
      const top = this.#heap[0];
      if (!top || top.at > this.#clock.now()) break;
      this.#pop();
      ran++;
      try {
        top.run();
      } catch (error) {
        this.#onError(error);
      }
    }
    return ran;
  }

  /** Runs due tasks in real time with `setTimeout` until {@linkcode stopTimer}. */
  startTimer(): void {
    this.#running = true;
    this.#arm();
  }

  /** Stops the real-time timer; pending tasks stay queued. */
  stopTimer(): void {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #arm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const next = this.#heap[0];
    if (!this.#running || !next) return;
    const delay = Math.min(Math.max(0, next.at - this.#clock.now()), 2_147_483_647);
    this.#timerAt = next.at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.runDue();
      this.#arm();
    }, delay);
  }

  #push(task: Task): void {
    const h = this.#heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i] as Task, h[parent] as Task)) break;
      [h[i], h[parent]] = [h[parent] as Task, h[i] as Task];
      i = parent;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && before(h[l] as Task, h[m] as Task)) m = l;
      if (r < h.length && before(h[r] as Task, h[m] as Task)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as Task, h[i] as Task];
      i = m;
    }
  }
}
