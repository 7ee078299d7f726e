/**
 * The checkpoint a compaction writes as the first line of the occurrence log: the whole state
 * as it was, so the log alone still rebuilds everything memory learned from the lines it
 * dropped. Pure.
 */
import { isNopeaError, NopeaError } from "../shared/mod.ts";
import { snapshotToState, stateToSnapshot } from "./snapshot.ts";
import type { MemoryState } from "./state.ts";

/** The occurrence type of a checkpoint line. */
export const CHECKPOINT_TYPE = "nopea.memory.checkpoint";

/**
 * The checkpoint line (without its newline) for `state`, accounting for the `covers` lines
 * that follow it: a FALSE-shaped occurrence whose `data.snapshot` is the state as a snapshot.
 */
export function checkpointLine(state: MemoryState, covers: number, id: string, at: string): string {
  const snapshot = stateToSnapshot(state);
  snapshot.occurrences = {
    offset: 0,
    lines: 0,
    count: state.occurrences,
    head: null,
    covered: covers,
    compacted: 0,
  };
  return JSON.stringify({
    id,
    timestamp: at,
    protocol_version: "1.0",
    source: "nopea",
    type: CHECKPOINT_TYPE,
    severity: "info",
    outcome: "success",
    context: {},
    data: { snapshot },
  });
}

/** True when a parsed log line is a checkpoint. */
export function isCheckpoint(occurrence: Record<string, unknown>): boolean {
  return occurrence["type"] === CHECKPOINT_TYPE;
}

function corrupt(file: string, lineNo: number, what: string, cause?: unknown): NopeaError {
  return new NopeaError(
    "MEMORY_CORRUPT",
    `Cannot load memory from "${file}": line ${lineNo} is a memory checkpoint ${what}`,
    {
      hint: "Restore the occurrence log from a backup, or start a new memory directory and " +
        "`nopea memory import` an export into it",
      cause,
      details: { file, line: lineNo },
    },
  );
}

/**
 * Replaces what `state` knows with the checkpoint's content (the read position is kept) and
 * marks the lines it accounts for as covered.
 *
 * @throws {NopeaError} `MEMORY_CORRUPT` naming file and line when the checkpoint is not the
 *   first line or its content is malformed; `MEMORY_VERSION` when a newer Nopea wrote it.
 */
export function restoreCheckpoint(
  state: MemoryState,
  occurrence: Record<string, unknown>,
  file: string,
  lineNo: number,
): void {
  if (lineNo !== 1) {
    throw corrupt(file, lineNo, "but only the first line can be one (was the log put together?)");
  }
  const data = occurrence["data"] as Record<string, unknown> | undefined;
  let restored: MemoryState;
  try {
    restored = snapshotToState(data?.["snapshot"], `${file} line ${lineNo}`);
  } catch (e) {
    if (isNopeaError(e) && e.code === "MEMORY_VERSION") throw e;
    throw corrupt(file, lineNo, "whose content does not have the expected shape", e);
  }
  state.graph = restored.graph;
  state.services = restored.services;
  state.clock = restored.clock;
  state.occurrences = restored.occurrences;
  state.evicted = restored.evicted;
  state.windows = restored.windows;
  state.covered = lineNo + restored.covered;
}
