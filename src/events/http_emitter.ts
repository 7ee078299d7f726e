/** HttpEventEmitter: queues CDEvents and POSTs them in CloudEvents binary mode, with retries. */
import { type Logger, silentLogger } from "../shared/mod.ts";
import { binaryRequest } from "./binding.ts";
import type { CdEvent, EventSink } from "./cdevent.ts";

/** Options of {@linkcode HttpEventEmitter}. */
export interface HttpEventEmitterOptions {
  /** The sink's URL (http or https). */
  url: string;
  /** `context.source` of the events; a function is called once, on first use. */
  source: string | (() => string);
  /** Where dropped events are reported (`warn`) and failed attempts (`debug`). */
  log?: Logger;
  /** Waits between attempts; tests pass one that resolves at once. @default a timer that does not keep the process alive */
  sleep?: (ms: number) => Promise<void>;
  /** Events waiting at most; beyond that the oldest is dropped. @default 100 */
  maxQueue?: number;
  /** Retries after the first attempt, on a network error or a non-2xx status. @default 3 */
  retries?: number;
  /** The first retry's delay, doubled for each next one. @default 1_000 */
  baseDelayMs?: number;
  /** How long one POST may take. @default 10_000 */
  requestTimeoutMs?: number;
}

function unrefSleep(ms: number): Promise<void> {
  return new Promise((resolve) => Deno.unrefTimer(setTimeout(resolve, ms)));
}

/**
 * An {@linkcode EventSink} that delivers CDEvents to an HTTP sink one at a time, in order.
 * `emit` only queues: delivery problems are retried, then logged and the event dropped.
 *
 * @example
 * ```ts
 * import { HttpEventEmitter } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const emitter = new HttpEventEmitter({ url: "http://127.0.0.1:9/events", source: "/nopea/cluster" });
 * equal(emitter.source, "/nopea/cluster");
 * await emitter.close();
 * ```
 */
export class HttpEventEmitter implements EventSink, AsyncDisposable {
  readonly #url: string;
  readonly #log: Logger;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #max: number;
  readonly #retries: number;
  readonly #baseMs: number;
  readonly #timeoutMs: number;
  readonly #queue: CdEvent[] = [];
  readonly #abort = new AbortController();
  readonly #closing: Promise<void>;
  readonly #valid: boolean;
  #source: string | (() => string);
  #worker: Promise<void> | undefined;

  /** An emitter for `options.url`; an invalid URL is logged once and its events dropped. */
  constructor(options: HttpEventEmitterOptions) {
    this.#url = options.url;
    this.#source = options.source;
    this.#log = options.log ?? silentLogger;
    this.#sleep = options.sleep ?? unrefSleep;
    this.#max = Math.max(1, options.maxQueue ?? 100);
    this.#retries = Math.max(0, options.retries ?? 3);
    this.#baseMs = options.baseDelayMs ?? 1_000;
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
    const signal = this.#abort.signal;
    this.#closing = new Promise((resolve) => signal.addEventListener("abort", () => resolve()));
    this.#valid = /^https?:$/.test(URL.parse(options.url)?.protocol ?? "");
    if (!this.#valid) {
      this.#log.log("warn", `Cannot send CDEvents to "${options.url}": it is not an http(s) URL`);
    }
  }

  /** The `context.source` of the events built for this emitter. */
  get source(): string {
    if (typeof this.#source !== "string") this.#source = this.#source();
    return this.#source;
  }

  /** Queues the event (dropping the oldest when full) and returns at once; never throws. */
  emit(event: CdEvent): void {
    try {
      if (!this.#valid || this.#abort.signal.aborted) {
        this.#warn("CDEvent dropped: the emitter is closed or has no valid URL", event);
        return;
      }
      if (this.#queue.length >= this.#max) {
        const oldest = this.#queue.shift();
        if (oldest) this.#warn(`CDEvent dropped: more than ${this.#max} are waiting`, oldest);
      }
      this.#queue.push(event);
      this.#worker ??= this.#drain();
    } catch {
      // A failing logger must not reach the deploy.
    }
  }

  /** Waits until the queue is empty and nothing is in flight, or `timeoutMs` passed. */
  async flush(timeoutMs = 5_000): Promise<void> {
    if (!this.#worker) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), timeoutMs);
    });
    try {
      if (await Promise.race([this.#idle(), late]) === "late") {
        this.#log.log("warn", `CDEvents still undelivered after ${timeoutMs}ms`, {
          waiting: this.#queue.length,
          url: this.#url,
        });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops: drops what is waiting (with a warning), aborts the POST in flight. */
  async close(): Promise<void> {
    if (this.#abort.signal.aborted) return;
    const pending = this.#queue.length + (this.#worker ? 1 : 0);
    this.#queue.length = 0;
    this.#abort.abort();
    if (pending > 0) {
      this.#log.log("warn", `${pending} CDEvent(s) not delivered: the emitter was closed`);
    }
    await this.#idle();
  }

  /** Same as {@linkcode HttpEventEmitter.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #idle(): Promise<"idle"> {
    while (this.#worker) await this.#worker;
    return "idle";
  }

  async #drain(): Promise<void> {
    await Promise.resolve(); // the caller of emit() goes on first
    try {
      for (let e = this.#queue.shift(); e; e = this.#queue.shift()) await this.#deliver(e);
    } catch (error) {
      this.#log.log("error", "CDEvent delivery stopped", { error: String(error) });
    } finally {
      this.#worker = undefined;
    }
  }

  async #deliver(event: CdEvent): Promise<void> {
    const { headers, body } = binaryRequest(event);
    let problem = "";
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      if (attempt > 0) {
        await Promise.race([this.#sleep(this.#baseMs * 2 ** (attempt - 1)), this.#closing]);
      }
      if (this.#abort.signal.aborted) return;
      problem = await this.#post(headers, body);
      if (problem === "") return;
      this.#log.log("debug", "CDEvent delivery attempt failed", { attempt: attempt + 1, problem });
    }
    this.#warn(`CDEvent dropped after ${this.#retries + 1} attempts: ${problem}`, event);
  }

  /** One POST: `""` on a 2xx response, else what went wrong. */
  async #post(headers: Record<string, string>, body: string): Promise<string> {
    const controller = new AbortController();
    const stop = () => controller.abort();
    const timer = setTimeout(stop, this.#timeoutMs);
    this.#abort.signal.addEventListener("abort", stop);
    try {
      const init = { method: "POST", headers, body, signal: controller.signal };
      const response = await fetch(this.#url, init);
      await response.body?.cancel();
      return response.ok ? "" : `HTTP ${response.status} ${response.statusText}`.trim();
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
      this.#abort.signal.removeEventListener("abort", stop);
    }
  }

  #warn(message: string, event: CdEvent): void {
    this.#log.log("warn", message, {
      id: event.context.id,
      type: event.context.type,
      url: this.#url,
    });
  }
}
