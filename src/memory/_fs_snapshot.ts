/** Reading and writing `graph.json`; a snapshot memory could not use is kept aside, not overwritten. */
import { isNopeaError } from "../shared/mod.ts";
import { readTextIfExists, writeFileAtomic } from "./_fs_files.ts";
import { writeContextIndex } from "./_fs_context_index.ts";
import { snapshotToState } from "./snapshot.ts";
import { snapshotText } from "./snapshot_text.ts";
import type { MemoryState } from "./state.ts";

/** What reading the snapshot gave: a state, or the text that could not be used and why. */
export interface SnapshotRead {
  /** The state it holds. */
  state?: MemoryState;
  /** The unusable content and the reason. */
  rejected?: { text: string; why: string };
  /** The size of the file read (characters). */
  bytes?: number;
}

/**
 * Reads the snapshot at `path`; a missing one reads as `{}`.
 *
 * @throws {NopeaError} `MEMORY_VERSION` when a newer Nopea wrote it.
 */
export async function readSnapshot(path: string): Promise<SnapshotRead> {
  const text = await readTextIfExists(path);
  if (text === undefined) return {};
  try {
    return { state: snapshotToState(JSON.parse(text), path), bytes: text.length };
  } catch (e) {
    if (isNopeaError(e) && e.code === "MEMORY_VERSION") throw e;
    const cause = isNopeaError(e) && e.cause instanceof Error ? `: ${e.cause.message}` : "";
    return { rejected: { text, why: `${e instanceof Error ? e.message : String(e)}${cause}` } };
  }
}

/**
 * Writes the snapshot of `state` atomically, then the context index. When `rejected` is the
 * content still at `path`, that file is first renamed to `graph.rejected-<time>.json` beside it.
 * Returns that path, and the size of the snapshot written.
 */
export async function writeSnapshot(
  path: string,
  state: MemoryState,
  rejected: { text: string; at: number } | undefined,
): Promise<{ aside?: string; bytes: number }> {
  let aside: string | undefined;
  if (rejected !== undefined && await readTextIfExists(path) === rejected.text) {
    const stamp = new Date(rejected.at).toISOString().replace(/[:.]/g, "-");
    aside = path.replace(/graph\.json$/, `graph.rejected-${stamp}.json`);
    await Deno.rename(path, aside);
  }
  // Not fsynced: after a crash an old or empty snapshot is rebuilt from the (fsynced) log.
  const text = snapshotText(state);
  await writeFileAtomic(path, text, { sync: false });
  // After the snapshot: an index older than the log is never used (see `readContextState`).
  await writeContextIndex(path, state);
  return { ...(aside ? { aside } : {}), bytes: text.length };
}
