/** Logger port: structured, leveled logging that never writes to stdout. */

/** Log levels, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A structured logger. */
export interface Logger {
  /** Writes one line at `level` with optional structured fields. */
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** One recorded log line. */
export interface LogRecord {
  /** The line's level. */
  level: LogLevel;
  /** The line's message. */
  message: string;
  /** Its structured fields; `{}` when none were given. */
  fields: LogFields;
}

/**
 * A logger that keeps lines in memory; for tests.
 *
 * @example
 * ```ts
 * import { memoryLogger } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const log = memoryLogger();
 * log.log("info", "hello", { a: 1 });
 * equal(log.records[0]?.message, "hello");
 * ```
 */
export function memoryLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    records,
    log: (level, message, fields = {}) => records.push({ level, message, fields }),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { log: () => {} };

/**
 * A logger writing JSON lines (or plain text) to a sink such as stderr, from `min` up.
 *
 * @example
 * ```ts
 * import { lineLogger } from "@nopea/nopea";
 * import { equal } from "node:assert/strict";
 * const lines: string[] = [];
 * lineLogger((l) => lines.push(l), { min: "warn" }).log("info", "dropped");
 * equal(lines.length, 0);
 * ```
 */
export function lineLogger(
  write: (line: string) => void,
  options: { min?: LogLevel; json?: boolean } = {},
): Logger {
  const min = ORDER[options.min ?? "info"];
  return {
    log(level, message, fields = {}) {
      if (ORDER[level] < min) return;
      if (options.json) {
        write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
      } else {
        const extra = Object.entries(fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
        write(`${level}: ${message}${extra ? " " + extra : ""}`);
      }
    },
  };
}
