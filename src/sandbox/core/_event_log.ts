/** A bounded ring of committed changes, so a watch can resume from a resourceVersion. */
import type { JsonObject } from "../types.ts";

/** One committed change. `object` and `old` are the store's own objects: never mutate them. */
export interface StoreEvent {
  /** What happened. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The resourceVersion the change committed at. */
  rv: number;
  /** Storage identity: API group. */
  group: string;
  /** Storage identity: kind. */
  kind: string;
  /** The object after the change (for DELETED: the last state, with the deletion's resourceVersion). */
  object: JsonObject;
  /** The object before the change (absent for ADDED). */
  old: JsonObject | undefined;
}

/** Fixed-capacity ring of events in resourceVersion order. */
export class EventLog {
  readonly #capacity: number;
  readonly #ring: (StoreEvent | undefined)[];
  #head = 0;
  #size = 0;
  #floor = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
    this.#ring = new Array(this.#capacity);
  }

  /** Every event after `floor` is retained. */
  get floor(): number {
    return this.#floor;
  }

  push(event: StoreEvent): void {
    if (this.#size === this.#capacity) {
      const dropped = this.#ring[this.#head];
      if (dropped) this.#floor = dropped.rv;
      this.#ring[this.#head] = event;
      this.#head = (this.#head + 1) % this.#capacity;
    } else {
      this.#ring[(this.#head + this.#size) % this.#capacity] = event;
      this.#size++;
    }
  }

  #at(i: number): StoreEvent {
    return this.#ring[(this.#head + i) % this.#capacity] as StoreEvent;
  }

  /** The events after `rv`, or `undefined` when some of them were dropped. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.#floor) return undefined;
    let lo = 0, hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#at(mid).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < this.#size; i++) out.push(this.#at(i));
    return out;
  }

  /** Forgets every event; only changes after `floor` can be replayed from now on. */
  reset(floor: number): void {
    this.#ring.fill(undefined);
    this.#head = 0;
    this.#size = 0;
    this.#floor = floor;
  }
}
