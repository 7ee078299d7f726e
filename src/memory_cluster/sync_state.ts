/**
 * What a local memory knows of the cluster store: the next chunk to read, the head it read
 * it from, and the occurrence ids the cluster holds. A cache: losing it costs one full read,
 * never a record (pulls and pushes merge by occurrence id).
 */

/** The sync position of one local memory. */
export interface SyncState {
  /** The next chunk number to read (1: nothing read yet). */
  cursor: number;
  /** The uid of the head the cursor belongs to. */
  headUid?: string | undefined;
  /** Occurrence ids known to be in the cluster (read there, or written there). */
  remote: Set<string>;
  /** Ids recorded locally that the cluster does not hold yet (a push failed, or none ran). */
  pending: Set<string>;
  /**
   * Whether `pending` is known to hold every local occurrence the cluster lacks; until then
   * (a new position, another cluster) the next pull compares with the whole local log.
   */
  reconciled: boolean;
}

/** Where the sync position is kept between processes. */
export interface SyncStatePort {
  /** The saved position, or `undefined` when there is none (or it cannot be read). */
  read(): Promise<SyncState | undefined>;
  /** Saves the position. */
  write(state: SyncState): Promise<void>;
}

/** Changes whenever the position does (ids are only ever added, or all cleared). */
export function positionOf(state: SyncState): string {
  const ids = `${state.remote.size}/${state.pending.size}/${[...state.pending].join(",")}`;
  return `${state.cursor}/${state.headUid ?? ""}/${state.reconciled}/${ids}`;
}

/** A fresh position: nothing read, nothing known. */
export function emptySyncState(): SyncState {
  return { cursor: 1, remote: new Set(), pending: new Set(), reconciled: false };
}

/** The position as JSON text. */
export function syncStateText(state: SyncState): string {
  return JSON.stringify({
    version: 1,
    cursor: state.cursor,
    ...(state.headUid ? { headUid: state.headUid } : {}),
    remote: [...state.remote],
    pending: [...state.pending],
    reconciled: state.reconciled,
  });
}

function idSet(values: readonly unknown[]): Set<string> {
  return new Set(values.filter((id): id is string => typeof id === "string"));
}

/** The position in JSON text; `undefined` for text that is not one (it is read anew). */
export function parseSyncState(text: string): SyncState | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const cursor = value["cursor"];
    const remote = value["remote"];
    if (value["version"] !== 1 || !Number.isSafeInteger(cursor) || !Array.isArray(remote)) {
      return undefined;
    }
    const headUid = typeof value["headUid"] === "string" ? value["headUid"] : undefined;
    const pending = Array.isArray(value["pending"]) ? value["pending"] : [];
    return {
      cursor: Math.max(1, cursor as number),
      ...(headUid ? { headUid } : {}),
      remote: idSet(remote),
      pending: idSet(pending),
      reconciled: value["reconciled"] === true,
    };
  } catch {
    return undefined;
  }
}

/**
 * A position kept in this process only (tests, embedding).
 *
 * @example
 * ```ts
 * import { inProcessSyncState } from "./sync_state.ts";
 * import { equal } from "node:assert/strict";
 * const port = inProcessSyncState();
 * await port.write({ cursor: 4, remote: new Set(["a"]), pending: new Set(), reconciled: true });
 * equal((await port.read())?.remote.has("a"), true);
 * ```
 */
export function inProcessSyncState(): SyncStatePort {
  let saved: string | undefined;
  return {
    read: () => Promise.resolve(saved === undefined ? undefined : parseSyncState(saved)),
    write: (state) => {
      saved = syncStateText(state);
      return Promise.resolve();
    },
  };
}
