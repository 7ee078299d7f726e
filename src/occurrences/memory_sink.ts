/** MemoryOccurrenceSink: keeps occurrences in an array; for tests and embedding. */
import type { Occurrence, OccurrenceSink } from "./occurrence.ts";

/**
 * An {@linkcode OccurrenceSink} that keeps a JSON copy of each occurrence in order.
 *
 * @example
 * ```ts
 * import { MemoryOccurrenceSink } from "./memory_sink.ts";
 * import { equal } from "node:assert/strict";
 * const sink = new MemoryOccurrenceSink();
 * await sink.append({
 *   id: "01J0000000000000000000000A", timestamp: "2026-01-01T00:00:00.000Z", protocol_version: "1.0",
 *   source: "nopea", type: "deploy.run.completed", severity: "info", outcome: "success", context: {}, data: {},
 * });
 * equal(sink.occurrences.length, 1);
 * ```
 */
export class MemoryOccurrenceSink implements OccurrenceSink {
  /** What was appended, oldest first. */
  readonly occurrences: Occurrence[] = [];

  /** Appends a copy (as it would read back from a file). */
  append(occurrence: Occurrence): Promise<void> {
    this.occurrences.push(JSON.parse(JSON.stringify(occurrence)));
    return Promise.resolve();
  }
}
