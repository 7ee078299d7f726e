/** The file store's machinery: its log and state, one operation at a time, faults worded, snapshots. */
import { isNopeaError, type Logger, silentLogger } from "../shared/mod.ts";
import { LogFile } from "./_fs_append.ts";
import { compact, type CompactContext, compactContext } from "./_fs_compact.ts";
import { memoryIo, warnFault } from "./_fs_errors.ts";
import { FileState } from "./_fs_state.ts";
import { retentionOf } from "./compaction.ts";
import { DEFAULT_COMPACT_EVERY, type FileMemoryStoreOptions } from "./file_store_options.ts";
import type { MemoryState } from "./state.ts";

/** A load that read this many bytes of log beyond the snapshot writes a new one (if it may). */
const RESNAPSHOT_AFTER = 1 << 20;

/** Where a file store keeps its files. */
export interface StorePaths {
  readonly dir: string;
  readonly logPath: string;
  readonly snapshotPath: string;
  readonly lockPath: string;
}

/** The log file, the state and the compaction context of one file store, and how it runs them. */
export class StoreCore {
  /** Where warnings go. */
  readonly log: Logger;
  /** The occurrence log. */
  readonly file: LogFile;
  /** The state held in this process, and its snapshot. */
  readonly state: FileState;
  /** What compaction needs of the store. */
  readonly context: CompactContext;
  #paths: StorePaths;
  #options: FileMemoryStoreOptions;
  #chain: Promise<unknown> = Promise.resolve();
  #pending: Promise<void> | undefined;

  /** The machinery of the store at `paths`. */
  constructor(paths: StorePaths, options: FileMemoryStoreOptions) {
    this.#paths = paths;
    this.#options = options;
    this.log = options.log ?? silentLogger;
    this.file = new LogFile(paths.logPath, { durable: options.durable ?? true, log: this.log });
    this.state = new FileState({
      ...options,
      logPath: paths.logPath,
      snapshotPath: paths.snapshotPath,
      file: this.file,
      log: this.log,
    });
    this.context = compactContext(paths, this.file, this.state, options);
  }

  /** The state caught up to the end of the log (see `MemoryStore.load`). */
  load(): Promise<MemoryState> {
    return this.serial(async () => {
      const state = await this.io("load memory", () => this.state.catchUp(true));
      // A long replay is not repeated by the next process: write the snapshot if we may.
      if (this.state.lag >= RESNAPSHOT_AFTER) await this.#snapshot(true).catch(() => {});
      return state;
    });
  }

  /**
   * Writes the snapshot (after a record, maybe only the context index: see `saveAfterRecord`),
   * holding the log's lock so it covers every line appended so far.
   */
  #snapshot(full: boolean): Promise<void> {
    return this.file.exclusive(async () => {
      const state = await this.state.catchUp(false);
      if (this.state.saved) return;
      await (full ? this.state.save(state) : this.state.saveAfterRecord(state));
    });
  }

  /** After an append: the snapshot (one write for appends that wait together), then maybe a compaction. */
  async afterAppend(): Promise<void> {
    this.#pending ??= this.serial(() => {
      this.#pending = undefined;
      return this.#snapshot(false);
    }).catch((e) =>
      this.#warn(`Could not write the memory snapshot "${this.#paths.snapshotPath}"`, e)
    );
    await this.#pending;
    const every = this.#options.compactEvery ?? DEFAULT_COMPACT_EVERY;
    const state = this.state.current;
    if (every <= 0 || !state || state.lines - state.compacted < every) return;
    await this.serial(() => compact(this.context, retentionOf(this.#options), false))
      .catch((e) => this.#warn(`Could not compact memory in "${this.#paths.dir}"`, e));
  }

  /** Loads once before the first write, so a newer snapshot is refused before anything is appended. */
  async refuseNewer(): Promise<void> {
    try {
      await this.load();
    } catch (e) {
      if (isNopeaError(e) && e.code === "MEMORY_VERSION") throw e;
    }
  }

  #warn(message: string, e: unknown): void {
    warnFault(this.log, message, e);
  }

  /** Runs `fn` after every operation queued before it, whether they failed or not. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Runs `fn`; a fault that is not a `NopeaError` becomes `MEMORY_IO` saying what failed. */
  async io<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw isNopeaError(e) ? e : memoryIo(this.#paths.dir, what, e);
    }
  }
}
