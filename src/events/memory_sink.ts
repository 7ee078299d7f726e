/** MemoryEventSink: keeps emitted CDEvents in an array; for tests and embedding. */
import type { CdEvent, EventSink } from "./cdevent.ts";

/**
 * An {@linkcode EventSink} that records a JSON copy of each event, in order.
 *
 * @example
 * ```ts
 * import { MemoryEventSink } from "./memory_sink.ts";
 * import { equal } from "node:assert/strict";
 * const sink = new MemoryEventSink();
 * sink.emit({
 *   context: { version: "0.4.1", id: "1", source: sink.source, type: "dev.cdevents.service.deployed.0.2.0", timestamp: "2026-03-06T12:00:00Z" },
 *   subject: { id: "prod/api", type: "service", content: { environment: { id: "prod" }, artifactId: "api:1" } },
 * });
 * await sink.flush();
 * equal(sink.events.length, 1);
 * ```
 */
export class MemoryEventSink implements EventSink {
  /** What was emitted, oldest first. */
  readonly events: CdEvent[] = [];
  /** The `context.source` of events built for this sink. */
  readonly source: string;

  /** A sink whose events carry `source`. @default "/nopea/test" */
  constructor(source = "/nopea/test") {
    this.source = source;
  }

  /** Records a copy (as a receiver would parse it). */
  emit(event: CdEvent): void {
    this.events.push(JSON.parse(JSON.stringify(event)));
  }

  /** Nothing to wait for. */
  flush(): Promise<void> {
    return Promise.resolve();
  }
}
