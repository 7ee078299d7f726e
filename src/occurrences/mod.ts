/**
 * @module
 * FALSE Protocol occurrences: `buildOccurrence` (pure) turns a deploy record into
 * nopea's occurrence; `OccurrenceSink` stores them, in memory or appended to an
 * NDJSON file. No deploy logic and no memory learning live here.
 */
export {
  buildOccurrence,
  type BuildOccurrenceOptions,
  type OccurrenceMemoryContext,
} from "./build.ts";
export { FileOccurrenceSink, type FileOccurrenceSinkOptions } from "./file_sink.ts";
export { MemoryOccurrenceSink } from "./memory_sink.ts";
export type {
  CorrelationKey,
  DeployData,
  DeployOccurrence,
  Entity,
  History,
  HistoryStep,
  Occurrence,
  OccurrenceContext,
  OccurrenceError,
  OccurrenceSink,
  Outcome,
  PatternMatch,
  Reasoning,
  Severity,
} from "./occurrence.ts";
