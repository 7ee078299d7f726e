/**
 * Reading and writing the context index beside `graph.json`. The index is used only when it
 * stands exactly at the end of the log it was taken of; anything else (a missing, old, foreign
 * or corrupt index, a log written on since) reads as `undefined` and the caller loads the
 * whole state instead, so the index can never make memory answer from stale facts.
 */
import { readTextIfExists, writeFileAtomic } from "./_fs_files.ts";
import { headOf } from "./_fs_log.ts";
import {
  type ContextIndexHeader,
  contextIndexHeader,
  contextIndexText,
  contextStateFromIndex,
} from "./context_index.ts";
import type { MemoryState } from "./state.ts";

/** The index path beside a snapshot path (`…/graph.json` → `…/context-index.ndjson`). */
export function contextIndexPath(snapshotPath: string): string {
  const dir = snapshotPath.slice(0, snapshotPath.lastIndexOf("/") + 1);
  return `${dir}context-index.ndjson`;
}

/** Writes the index of `state` atomically (not fsynced: like the snapshot, the log rebuilds it). */
export async function writeContextIndex(snapshotPath: string, state: MemoryState): Promise<void> {
  await writeFileAtomic(contextIndexPath(snapshotPath), contextIndexText(state), { sync: false });
}

/** Whether the log at `logPath` is exactly as long as the index says, with the same first line. */
async function standsAtEnd(logPath: string, header: ContextIndexHeader): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(logPath, { read: true });
  } catch {
    return false;
  }
  try {
    const size = (await file.stat()).size;
    if (size !== header.occurrences.offset) return false;
    return ((await headOf(file, size)) ?? null) === header.occurrences.head;
  } finally {
    file.close();
  }
}

/**
 * The state `contextOf` needs for `service`, from the index beside `snapshotPath`, when the
 * index matches the log at `logPath`; `undefined` otherwise.
 */
export async function readContextState(
  snapshotPath: string,
  logPath: string,
  service: string,
): Promise<MemoryState | undefined> {
  const text = await readTextIfExists(contextIndexPath(snapshotPath)).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const header = contextIndexHeader(text);
    if (!header || !await standsAtEnd(logPath, header)) return undefined;
    return contextStateFromIndex(text, header, service);
  } catch {
    return undefined; // Not an index this code wrote: the whole state answers instead.
  }
}
