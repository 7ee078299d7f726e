/**
 * The state a file store holds in this process: loaded from `graph.json`, read on through the
 * log, reloaded when another process compacted the log, rebuilt from the log (with a warning,
 * the unusable snapshot kept aside) when the snapshot does not match it. Reading never needs
 * to write: a torn tail that cannot be set aside (read-only store) is only skipped.
 */
import type { Clock, Logger } from "../shared/mod.ts";
import type { LogFile } from "./_fs_append.ts";
import { readTextIfExists } from "./_fs_files.ts";
import { type LogRead, readLog } from "./_fs_log.ts";
import { readSnapshot, writeSnapshot } from "./_fs_snapshot.ts";
import { writeContextIndex } from "./_fs_context_index.ts";
import { applyLogLine } from "./replay.ts";
import { parallelScanner } from "./_fs_replay_parallel.ts";
import { emptyState, type MemoryState, type StateOptions } from "./state.ts";

/** A snapshot this small is rewritten after every record. */
const SNAPSHOT_ALWAYS_BYTES = 1 << 20;

const MISMATCH: Readonly<Record<string, string>> = {
  "past-end": "has read more of it than it holds (was the log truncated or replaced?)",
  misaligned: "ends inside one of its lines",
  replaced: "was taken of another log (its first line differs)",
};

/** What {@linkcode FileState} needs. */
export interface FileStateOptions extends StateOptions {
  logPath: string;
  snapshotPath: string;
  file: LogFile;
  log: Logger;
  clock: Clock;
  /** Replays with a worker when at least this many bytes are left to read. */
  parallelReplayBytes?: number;
}

/** The state of one file store in this process, and its snapshot. */
export class FileState {
  #o: FileStateOptions;
  #state: MemoryState | undefined;
  /** The offset of the snapshot on disk, as far as this process knows. */
  #snapshotAt = -1;
  /** The size of the snapshot on disk, as far as this process knows. */
  #snapshotBytes = 0;
  /** A snapshot found unusable, kept aside before it is overwritten. */
  #rejected: { text: string; at: number } | undefined;
  #warnedTail = false;

  /** No state yet: the first catch-up loads the snapshot. */
  constructor(options: FileStateOptions) {
    this.#o = options;
  }

  /** The state as last caught up, if any. */
  get current(): MemoryState | undefined {
    return this.#state;
  }

  /** Whether the snapshot on disk is known to hold the state as it is now. */
  get saved(): boolean {
    return this.#state !== undefined && this.#state.offset === this.#snapshotAt;
  }

  /** Bytes of the log read since the snapshot on disk (all of it without one). */
  get lag(): number {
    return (this.#state?.offset ?? 0) - Math.max(this.#snapshotAt, 0);
  }

  /**
   * Reads the log on from where the state stands (`repair`: try to set a torn tail aside).
   *
   * @throws {NopeaError} `MEMORY_CORRUPT` naming file and line; `MEMORY_VERSION`.
   */
  async catchUp(repair: boolean): Promise<MemoryState> {
    let fresh = this.#state === undefined;
    let state = this.#state ?? await this.#fromSnapshot();
    try {
      for (;;) {
        const s = state;
        const read = await readLog(
          this.#o.logPath,
          s,
          (line, n) => {
            applyLogLine(s, line, this.#o.logPath, n, this.#o);
          },
          parallelScanner(s, this.#o.logPath, this.#o, {
            minBytes: this.#o.parallelReplayBytes,
            log: this.#o.log,
          }),
        );
        if (!read.mismatch) return await this.#caughtUp(s, read, repair);
        if (!fresh) {
          // Another process compacted the log: its snapshot matches the new one.
          fresh = true;
          state = await this.#fromSnapshot();
          continue;
        }
        this.#o.log.log(
          "warn",
          `Rebuilding memory from "${this.#o.logPath}": the snapshot "${this.#o.snapshotPath}" ${
            MISMATCH[read.mismatch]
          }`,
          { snapshotOffset: s.offset, logSize: read.size },
        );
        this.#reject(await readTextIfExists(this.#o.snapshotPath).catch(() => undefined));
        state = emptyState();
      }
    } catch (e) {
      this.#state = undefined;
      throw e;
    }
  }

  /** Writes the snapshot of `state` (keeping an unusable one aside first) and the context index. */
  async save(state: MemoryState): Promise<void> {
    const { aside, bytes } = await writeSnapshot(this.#o.snapshotPath, state, this.#rejected);
    if (aside) this.#o.log.log("warn", `Kept the snapshot memory could not use as "${aside}"`);
    this.#rejected = undefined;
    this.#snapshotAt = state.offset;
    this.#snapshotBytes = bytes;
  }

  /**
   * After a record: the snapshot when it is small or the log has grown by a sixteenth of its size
   * since it was written, else the context index only (it stands at the end of the log, so
   * `context` stays fast). A record then costs a fraction of a rewrite of every service's history,
   * and the next process reads at most that sixteenth of log beyond the snapshot.
   */
  async saveAfterRecord(state: MemoryState): Promise<void> {
    const rewrite = this.#rejected !== undefined || this.#snapshotAt < 0 ||
      this.#snapshotBytes <= SNAPSHOT_ALWAYS_BYTES || this.lag * 16 >= this.#snapshotBytes;
    if (rewrite) await this.save(state);
    else await writeContextIndex(this.#o.snapshotPath, state);
  }

  async #caughtUp(state: MemoryState, read: LogRead, repair: boolean): Promise<MemoryState> {
    state.offset = read.offset;
    state.lines = read.lines;
    if (read.head === undefined) delete state.head;
    else state.head = read.head;
    this.#state = state;
    if (read.tail > 0 && repair) {
      await this.#o.file.setAsideTornTail().catch((e) => {
        if (this.#warnedTail) return;
        this.#warnedTail = true;
        this.#o.log.log("warn", `Skipping the torn last line of "${this.#o.logPath}"`, {
          error: e instanceof Error ? e.message : String(e),
        });
      });
    }
    return state;
  }

  async #fromSnapshot(): Promise<MemoryState> {
    const read = await readSnapshot(this.#o.snapshotPath);
    this.#snapshotAt = read.state?.offset ?? -1;
    this.#snapshotBytes = read.bytes ?? 0;
    if (read.rejected) {
      this.#o.log.log(
        "warn",
        `Rebuilding memory from "${this.#o.logPath}": the snapshot "${this.#o.snapshotPath}" is unreadable`,
        { error: read.rejected.why, hint: "Nothing is lost: the occurrence log holds it all" },
      );
      this.#reject(read.rejected.text);
    }
    return read.state ?? emptyState();
  }

  /** Marks a snapshot text to be kept aside before the snapshot is next written. */
  #reject(text: string | undefined): void {
    this.#snapshotAt = -1;
    if (text !== undefined) this.#rejected = { text, at: this.#o.clock.now() };
  }
}
