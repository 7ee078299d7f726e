/** The sync position in `<memory dir>/cluster-sync.json`, written whole and renamed into place. */
import { parseSyncState, type SyncState, type SyncStatePort, syncStateText } from "./sync_state.ts";

/**
 * The file the sync position of the memory in `dir` is kept in.
 *
 * @example
 * ```ts
 * import { syncStatePath } from "./sync_state_file.ts";
 * import { equal } from "node:assert/strict";
 * equal(syncStatePath("/work/.nopea/"), "/work/.nopea/cluster-sync.json");
 * ```
 */
export function syncStatePath(dir: string): string {
  return `${dir.replace(/\/+$/, "")}/cluster-sync.json`;
}

/**
 * The sync position of the memory directory `dir`; an unreadable file reads as none (the next
 * pull reads the cluster from the start).
 *
 * @example
 * ```ts
 * import { fileSyncState } from "./sync_state_file.ts";
 * import { equal } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const port = fileSyncState(dir);
 * await port.write({ cursor: 3, remote: new Set(["a"]), pending: new Set(), reconciled: true });
 * equal((await port.read())?.cursor, 3);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function fileSyncState(dir: string): SyncStatePort {
  const path = syncStatePath(dir);
  return {
    async read(): Promise<SyncState | undefined> {
      try {
        return parseSyncState(await Deno.readTextFile(path));
      } catch {
        return undefined;
      }
    },
    async write(state: SyncState): Promise<void> {
      await Deno.mkdir(dir, { recursive: true });
      const temporary = `${path}.${crypto.randomUUID()}.tmp`;
      await Deno.writeTextFile(temporary, syncStateText(state));
      await Deno.rename(temporary, path);
    },
  };
}
