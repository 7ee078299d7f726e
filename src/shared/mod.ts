/**
 * @module
 * Cross-cutting building blocks: the error type and its codes, the clock, ULID
 * ids and the logger port. No domain logic lives here, and nothing here
 * touches the network.
 */
export {
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  isNopeaError,
  NopeaError,
  type NopeaErrorOptions,
  toErrorBody,
} from "./errors.ts";
export { type Clock, fixedClock, type ManualClock, rfc3339, systemClock } from "./clock.ts";
export { type IdSource, seqIds, ulidSource } from "./ids.ts";
export {
  lineLogger,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogRecord,
  memoryLogger,
  silentLogger,
} from "./log.ts";
export { parseDuration } from "./duration.ts";
