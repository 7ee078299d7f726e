/** Replay: occurrence log lines → state. Shared by every MemoryStore so they all learn the same way. */
import { NopeaError } from "../shared/mod.ts";
import type { DeployOccurrence } from "../occurrences/mod.ts";
import { parseDeployRecord } from "../deploys/mod.ts";
import { isCheckpoint, restoreCheckpoint } from "./checkpoint.ts";
import { ingestRecord } from "./ingest.ts";
import type { MemoryState, StateOptions } from "./state.ts";

/** True when `value` looks like a deploy occurrence (`deploy.run.*` carrying `data.record`). */
export function isDeployOccurrence(value: unknown): value is DeployOccurrence {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const data = v["data"] as Record<string, unknown> | undefined;
  return typeof v["id"] === "string" && typeof v["type"] === "string" &&
    (v["type"] as string).startsWith("deploy.run.") && typeof data === "object" && data !== null &&
    typeof data["record"] === "object";
}

/** Parses one log line; a line that is not a JSON object is corruption, named by file and line. */
export function parseLogLine(line: string, file: string, lineNo: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw corruptLine(file, lineNo, "is not valid JSON", cause);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw corruptLine(file, lineNo, "is not a JSON object");
  }
  return value as Record<string, unknown>;
}

function corruptLine(file: string, lineNo: number, what: string, cause?: unknown): NopeaError {
  return new NopeaError(
    "MEMORY_CORRUPT",
    `Cannot load memory from "${file}": line ${lineNo} ${what}`,
    {
      hint: `Move line ${lineNo} out of the file into a backup (the other lines are intact) and ` +
        "run the command again, or start a new memory directory and `nopea memory import` an export",
      cause,
      details: { file, line: lineNo },
    },
  );
}

/**
 * Ingests one occurrence into the state when it is a deploy occurrence (other
 * occurrences are kept in the log but teach memory nothing). Returns whether it
 * was ingested.
 *
 * @throws {NopeaError} `MEMORY_CORRUPT` when a deploy occurrence carries a malformed record.
 */
export function applyOccurrence(
  state: MemoryState,
  occurrence: unknown,
  where: string,
  options: StateOptions = {},
): boolean {
  if (!isDeployOccurrence(occurrence)) return false;
  const record = parseDeployRecord(occurrence.data.record, where);
  ingestRecord(state, record, occurrence.id, options);
  return true;
}

/** The head our builder writes, up to the type (key order of `buildOccurrence`). */
const HEAD =
  /^\{"id":"([^"\\]+)","timestamp":"[^"\\]*","protocol_version":"1\.0","source":"[^"\\]*","type":"deploy\.run\.[a-z_]+"/;
const RECORD_KEY = ',"record":{';

/**
 * The occurrence id and the JSON text of the record of a line `buildOccurrence` wrote (it
 * ends with `"record":{…}}}`); `undefined` for any other line.
 */
export function recordText(line: string): { id: string; json: string } | undefined {
  const id = headId(line);
  const at = id === undefined ? -1 : line.indexOf(RECORD_KEY);
  if (id === undefined || at < 0 || !line.endsWith("}}}")) return undefined;
  return { id, json: line.slice(at + RECORD_KEY.length - 1, -2) };
}

/** The occurrence id of a line (or of its start) that begins as our builder writes them. */
export function headId(line: string): string | undefined {
  return HEAD.exec(line)?.[1];
}

/**
 * Ingests one log line. Lines written by `buildOccurrence` end with
 * `"record":{…}}}`, so only the record is parsed (replay is dominated by
 * JSON parsing); any other line is parsed whole. A checkpoint (the first line of
 * a compacted log) replaces the state; the lines it accounts for are skipped.
 *
 * @throws {NopeaError} `MEMORY_CORRUPT` naming the file and line.
 */
export function applyLogLine(
  state: MemoryState,
  line: string,
  file: string,
  lineNo: number,
  options: StateOptions = {},
): boolean {
  if (lineNo <= state.covered) return false;
  const fast = recordText(line);
  if (fast) {
    let record: unknown;
    try {
      record = JSON.parse(fast.json);
    } catch {
      record = undefined;
    }
    if (record !== undefined) {
      ingestRecord(state, parseDeployRecord(record, `"${file}" line ${lineNo}`), fast.id, options);
      return true;
    }
  }
  const occurrence = parseLogLine(line, file, lineNo);
  if (isCheckpoint(occurrence)) {
    restoreCheckpoint(state, occurrence, file, lineNo);
    return true;
  }
  return applyOccurrence(state, occurrence, `"${file}" line ${lineNo}`, options);
}
