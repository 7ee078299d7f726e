/** FileMemoryStore: memory under `.nopea/` (DESIGN §4.4) — the occurrence log, graph.json, manifests, lock. */
import {
  type Clock,
  type IdSource,
  isNopeaError,
  type Logger,
  NopeaError,
  silentLogger,
  ulidSource,
} from "../shared/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import { LogFile } from "./_fs_append.ts";
import { compact, type CompactContext, dryRun } from "./_fs_compact.ts";
import { manifestPath, probeWritable, readManifestSet, writeManifestSet } from "./_fs_files.ts";
import { tryLock } from "./_fs_lock.ts";
import { readLog } from "./_fs_log.ts";
import { FileState } from "./_fs_state.ts";
import { isCheckpoint } from "./checkpoint.ts";
import { type LogRetention, retentionOf } from "./compaction.ts";
import { parseLogLine } from "./replay.ts";
import type { MemoryState, StateOptions } from "./state.ts";
import type { CompactReport, MemoryStore, StoredManifests } from "./store.ts";

/** Options of {@linkcode FileMemoryStore}. */
export interface FileMemoryStoreOptions extends StateOptions, LogRetention {
  /** Time of the lock file, its staleness and the checkpoint. */
  clock: Clock;
  /** Where warnings go (a rebuilt snapshot, a torn line set aside, an unreadable manifest set). */
  log?: Logger;
  /** fsync every appended line. @default true */
  durable?: boolean;
  /** Compact by itself once this many lines were appended since the last compaction; 0: never. @default 20000 */
  compactEvery?: number;
  /** A lock older than this is stale and taken over. @default 30000 */
  lockStaleMs?: number;
}

/** Default of {@linkcode FileMemoryStoreOptions.compactEvery}. */
export const DEFAULT_COMPACT_EVERY = 20_000;

/**
 * A {@linkcode MemoryStore} in a directory: `occurrences.ndjson` (append-only, the source of
 * truth), `graph.json` (the snapshot with the byte offset it has consumed, rewritten after
 * every record), `manifests/<sha256>.json` and `lock`. Several processes may record into one
 * directory at once, also while one of them compacts it.
 *
 * @example
 * ```ts
 * import { FileMemoryStore } from "@nopea/nopea";
 * import { fixedClock } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const store = new FileMemoryStore(`${dir}/.nopea`, { clock: fixedClock() });
 * equal((await store.load()).occurrences, 0);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class FileMemoryStore implements MemoryStore {
  /** The memory directory. */
  readonly dir: string;
  /** `<dir>/occurrences.ndjson`: the append-only log, the source of truth. */
  readonly logPath: string;
  /** `<dir>/graph.json`: the snapshot. */
  readonly snapshotPath: string;
  /** `<dir>/lock`: held while the log is compacted. */
  readonly lockPath: string;
  #options: FileMemoryStoreOptions;
  #log: Logger;
  #file: LogFile;
  #ids: IdSource;
  #state: FileState;
  #chain: Promise<unknown> = Promise.resolve();
  #pending: Promise<void> | undefined;

  /** A store in `dir` (created on the first record). */
  constructor(dir: string, options: FileMemoryStoreOptions) {
    this.dir = dir.replace(/\/+$/, "") || "/";
    this.logPath = `${this.dir}/occurrences.ndjson`;
    this.snapshotPath = `${this.dir}/graph.json`;
    this.lockPath = `${this.dir}/lock`;
    this.#options = options;
    this.#log = options.log ?? silentLogger;
    this.#file = new LogFile(this.logPath, { durable: options.durable ?? true, log: this.#log });
    this.#ids = ulidSource(options.clock);
    this.#state = new FileState({
      ...options,
      logPath: this.logPath,
      snapshotPath: this.snapshotPath,
      file: this.#file,
      log: this.#log,
    });
  }

  async record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void> {
    if (!this.#state.current) await this.#refuseNewer();
    await this.#io("record a deploy", async () => {
      await Deno.mkdir(this.dir, { recursive: true });
      if (manifests) await writeManifestSet(this.dir, manifests.hash, manifests.objects);
      await this.#file.append([JSON.stringify(occurrence)]);
      // A compaction running between the two writes may have deleted a re-used set: write it again.
      if (manifests) {
        await this.#file.exclusive(() =>
          writeManifestSet(this.dir, manifests.hash, manifests.objects)
        );
      }
    });
    await this.#afterAppend();
  }

  async recordAll(occurrences: readonly DeployOccurrence[]): Promise<void> {
    if (occurrences.length === 0) return;
    if (!this.#state.current) await this.#refuseNewer();
    await this.#io("record deploys", async () => {
      await Deno.mkdir(this.dir, { recursive: true });
      await this.#file.append(occurrences.map((o) => JSON.stringify(o)));
    });
    await this.#afterAppend();
  }

  load(): Promise<MemoryState> {
    return this.#serial(() => this.#io("load memory", () => this.#state.catchUp(true)));
  }

  occurrences(): Promise<Occurrence[]> {
    return this.#io("read the occurrence log", async () => {
      const out: Occurrence[] = [];
      await readLog(this.logPath, { offset: 0, lines: 0 }, (line, n) => {
        const occurrence = parseLogLine(line, this.logPath, n);
        if (!isCheckpoint(occurrence)) out.push(occurrence as unknown as Occurrence);
      });
      return out;
    });
  }

  async manifests(hash: string): Promise<KubeObject[] | undefined> {
    const path = manifestPath(this.dir, hash);
    if (!path) return undefined;
    try {
      return await readManifestSet(path);
    } catch (e) {
      this.#log.log(
        "warn",
        `Skipping the manifest set "${path}": it is unreadable, so a rollback to the deploy ` +
          "that applied it cannot re-apply its manifests",
        {
          error: e instanceof Error ? e.message : String(e),
          hint: "Delete the file; the next deploy of those manifests stores them again",
        },
      );
      return undefined;
    }
  }

  compact(options: Parameters<MemoryStore["compact"]>[0] = {}): Promise<CompactReport> {
    const retention = retentionOf(options, this.#options);
    return this.#serial(() =>
      this.#io("compact memory", async () => {
        if (options.dryRun) return await dryRun(this.#context(), retention);
        await Deno.mkdir(this.dir, { recursive: true });
        return await compact(this.#context(), retention, true) as CompactReport;
      })
    );
  }

  async checkWritable(): Promise<void> {
    try {
      await probeWritable(this.dir, this.logPath);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new NopeaError("MEMORY_IO", `Cannot record to memory at ${this.dir}: ${why}`, {
        hint: "Nothing was deployed. Make the directory writable or free disk space, or point " +
          "--memory-dir (NOPEA_MEMORY_DIR) at a writable directory",
        cause: e,
        details: { dir: this.dir },
      });
    }
  }

  /** After an append: the snapshot (one write for appends that wait together), then maybe a compaction. */
  async #afterAppend(): Promise<void> {
    this.#pending ??= this.#serial(async () => {
      this.#pending = undefined;
      await this.#file.exclusive(async () => {
        const state = await this.#state.catchUp(false);
        if (!this.#state.saved) await this.#state.save(state);
      });
    }).catch((e) => this.#warn(`Could not write the memory snapshot "${this.snapshotPath}"`, e));
    await this.#pending;
    const every = this.#options.compactEvery ?? DEFAULT_COMPACT_EVERY;
    const state = this.#state.current;
    if (every <= 0 || !state || state.lines - state.compacted < every) return;
    await this.#serial(() => compact(this.#context(), retentionOf(this.#options), false))
      .catch((e) => this.#warn(`Could not compact memory in "${this.dir}"`, e));
  }

  #context(): CompactContext {
    return {
      dir: this.dir,
      logPath: this.logPath,
      lockPath: this.lockPath,
      file: this.#file,
      lock: () =>
        tryLock(this.lockPath, {
          clock: this.#options.clock,
          staleMs: this.#options.lockStaleMs ?? 30_000,
        }),
      catchUp: (repair) => this.#state.catchUp(repair),
      save: (state) => this.#state.save(state),
      stamp: () => ({ id: this.#ids.next(), at: new Date(this.#options.clock.now()).toISOString() }),
    };
  }

  /** Loads once before the first write, so a newer snapshot is refused before anything is appended. */
  async #refuseNewer(): Promise<void> {
    try {
      await this.load();
    } catch (e) {
      if (isNopeaError(e) && e.code === "MEMORY_VERSION") throw e;
    }
  }

  #warn(message: string, e: unknown): void {
    this.#log.log("warn", message, { error: e instanceof Error ? e.message : String(e) });
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => {});
    return run;
  }

  async #io<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isNopeaError(e)) throw e;
      throw new NopeaError(
        "MEMORY_IO",
        `Cannot ${what} in "${this.dir}": ${e instanceof Error ? e.message : String(e)}`,
        {
          hint:
            "Check that the memory directory is writable and the disk is not full (--memory-dir or NOPEA_MEMORY_DIR)",
          cause: e,
        },
      );
    }
  }
}
