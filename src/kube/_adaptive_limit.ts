/**
 * AdaptiveLimit: how many requests may be in flight, learned from the server. The limit rises
 * while answers come back (doubling per round trip until the first pushback, then one more per
 * round trip) and halves when the server pushes back (429, a 503 with `Retry-After`, API
 * Priority and Fairness rejections), at most once per round trip of requests.
 */

/** How a request ended, as far as the limit is concerned. */
export type RequestSignal = "ok" | "pushback" | "neutral";

/** A slot; `release` gives it back exactly once and tells the limit how the request went. */
export interface LimitTicket {
  release(signal: RequestSignal): void;
}

/** Bounds and start of an {@linkcode AdaptiveLimit}. */
export interface AdaptiveLimitOptions {
  /** The limit before anything is learned. */
  initial: number;
  /** The highest limit it may reach. */
  max: number;
  /** The lowest limit pushback may bring it to. @default 1 */
  min?: number;
}

/** A counting semaphore whose size follows the server's pushback (AIMD with slow start). */
export class AdaptiveLimit {
  readonly #min: number;
  readonly #max: number;
  #limit: number;
  #slowStart = true;
  /** Halvings so far: a request started before the last one cannot halve again. */
  #decreases = 0;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: AdaptiveLimitOptions) {
    const min = options.min ?? 1;
    for (
      const [name, value] of [["min", min], ["initial", options.initial], ["max", options.max]]
    ) {
      if (!Number.isInteger(value) || (value as number) < 1) {
        throw new RangeError(`Concurrency ${name} must be a positive integer, got "${value}"`);
      }
    }
    this.#min = min;
    this.#max = Math.max(options.max, min);
    this.#limit = Math.min(Math.max(options.initial, min), this.#max);
  }

  /** The current limit (whole requests). */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /** Requests in flight now. */
  get active(): number {
    return this.#active;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Waits for a slot. */
  async acquire(): Promise<LimitTicket> {
    if (this.#active < this.limit && this.#waiting.length === 0) this.#active++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    const epoch = this.#decreases;
    let released = false;
    return {
      release: (signal) => {
        if (released) return;
        released = true;
        this.#active--;
        this.#learn(signal, epoch);
        this.#wake();
      },
    };
  }

  #learn(signal: RequestSignal, epoch: number): void {
    if (signal === "ok") {
      this.#limit = Math.min(
        this.#max,
        this.#limit + (this.#slowStart ? 1 : 1 / Math.floor(this.#limit)),
      );
    } else if (signal === "pushback" && epoch === this.#decreases) {
      this.#slowStart = false;
      this.#decreases++;
      this.#limit = Math.max(this.#min, Math.floor(this.#limit / 2));
    }
  }

  #wake(): void {
    while (this.#active < this.limit && this.#waiting.length > 0) {
      this.#active++;
      this.#waiting.shift()!();
    }
  }
}
