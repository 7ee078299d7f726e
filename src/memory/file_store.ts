/** FileMemoryStore: memory under `.nopea/` (DESIGN §4.4) — the occurrence log, graph.json, manifests, lock. */
import { isNopeaError, type Logger, silentLogger } from "../shared/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import { LogFile } from "./_fs_append.ts";
import { compact, type CompactContext, compactContext, dryRun } from "./_fs_compact.ts";
import { memoryIo, notWritable, warnFault, warnUnreadableSet } from "./_fs_errors.ts";
import { manifestPath, probeWritable, readManifestSet, writeManifestSet } from "./_fs_files.ts";
import { eachLoggedOccurrence, readOccurrences } from "./_fs_log.ts";
import { FileState } from "./_fs_state.ts";
import { readContextState } from "./_fs_context_index.ts";
import { retentionOf } from "./compaction.ts";
import { DEFAULT_COMPACT_EVERY, type FileMemoryStoreOptions } from "./file_store_options.ts";
import type { MemoryState } from "./state.ts";
import type { CompactReport, MemoryStore, StoredManifests } from "./store.ts";
import { readOrCreateSecretKey } from "./_fs_secret_key.ts";

/** A load that read this many bytes of log beyond the snapshot writes a new one (if it may). */
const RESNAPSHOT_AFTER = 1 << 20;
const encoder = new TextEncoder();

/**
 * A {@linkcode MemoryStore} in a directory: `occurrences.ndjson` (append-only, the source of
 * truth), `graph.json` (the snapshot with the byte offset it has consumed, rewritten after
 * every record while under 1 MiB, a bigger one once the log has grown by a sixteenth of it; the
 * context index beside it after every record), `manifests/<sha256>.json` and `lock`. Several processes may record into one
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
  #context: CompactContext;
  #state: FileState;
  #chain: Promise<unknown> = Promise.resolve();
  #pending: Promise<void> | undefined;
  #secretKey: Promise<Uint8Array> | undefined;

  /** A store in `dir` (created on the first record). */
  constructor(dir: string, options: FileMemoryStoreOptions) {
    this.dir = dir.replace(/\/+$/, "") || "/";
    this.logPath = `${this.dir}/occurrences.ndjson`;
    this.snapshotPath = `${this.dir}/graph.json`;
    this.lockPath = `${this.dir}/lock`;
    this.#options = options;
    this.#log = options.log ?? silentLogger;
    this.#file = new LogFile(this.logPath, { durable: options.durable ?? true, log: this.#log });
    this.#state = new FileState({
      ...options,
      logPath: this.logPath,
      snapshotPath: this.snapshotPath,
      file: this.#file,
      log: this.#log,
    });
    this.#context = compactContext(this, this.#file, this.#state, options);
  }

  async record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void> {
    if (!this.#state.current) await this.#refuseNewer();
    await this.#io("record a deploy", async () => {
      await Deno.mkdir(this.dir, { recursive: true });
      // Encoded once: the set's text is let go at once, and its size checked without a copy.
      const set = manifests &&
        { hash: manifests.hash, bytes: encoder.encode(JSON.stringify(manifests.objects)) };
      if (set) await writeManifestSet(this.dir, set.hash, set.bytes);
      await this.#file.append([JSON.stringify(occurrence)]);
      // A compaction running between the two writes may have deleted a re-used set: write it again.
      if (set) await this.#file.exclusive(() => writeManifestSet(this.dir, set.hash, set.bytes));
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
    return this.#serial(async () => {
      const state = await this.#io("load memory", () => this.#state.catchUp(true));
      // A long replay is not repeated by the next process: write the snapshot if we may.
      if (this.#state.lag >= RESNAPSHOT_AFTER) await this.#snapshot(true).catch(() => {});
      return state;
    });
  }

  async loadContext(service: string): Promise<MemoryState> {
    // A process that holds the state catches it up; a fresh one reads one line of the index.
    if (this.#state.current) return await this.load();
    const indexed = await readContextState(this.snapshotPath, this.logPath, service);
    return indexed ?? await this.load();
  }

  occurrences(): Promise<Occurrence[]> {
    return this.#io("read the occurrence log", () => readOccurrences(this.logPath));
  }

  eachOccurrence(each: (occurrence: Occurrence) => void): Promise<void> {
    return this.#io("read the occurrence log", () => eachLoggedOccurrence(this.logPath, each));
  }

  async manifests(hash: string): Promise<KubeObject[] | undefined> {
    const path = manifestPath(this.dir, hash);
    if (!path) return undefined;
    try {
      return await readManifestSet(path);
    } catch (e) {
      warnUnreadableSet(this.#log, path, e);
      return undefined;
    }
  }

  compact(options: Parameters<MemoryStore["compact"]>[0] = {}): Promise<CompactReport> {
    const retention = retentionOf(options, this.#options);
    return this.#serial(() =>
      this.#io("compact memory", async () => {
        if (options.dryRun) return await dryRun(this.#context, retention);
        await Deno.mkdir(this.dir, { recursive: true });
        return await compact(this.#context, retention, true) as CompactReport;
      })
    );
  }

  secretKey(): Promise<Uint8Array> {
    return this.#secretKey ??= this.#io(
      "read the Secret masking key",
      () => readOrCreateSecretKey(this.dir),
    ).catch((error) => {
      this.#secretKey = undefined;
      throw error;
    });
  }

  async checkWritable(): Promise<void> {
    try {
      await probeWritable(this.dir, this.logPath);
    } catch (e) {
      throw notWritable(this.dir, e);
    }
  }

  /**
   * Writes the snapshot (after a record, maybe only the context index: see `saveAfterRecord`),
   * holding the log's lock so it covers every line appended so far.
   */
  #snapshot(full: boolean): Promise<void> {
    return this.#file.exclusive(async () => {
      const state = await this.#state.catchUp(false);
      if (this.#state.saved) return;
      await (full ? this.#state.save(state) : this.#state.saveAfterRecord(state));
    });
  }

  /** After an append: the snapshot (one write for appends that wait together), then maybe a compaction. */
  async #afterAppend(): Promise<void> {
    this.#pending ??= this.#serial(() => {
      this.#pending = undefined;
      return this.#snapshot(false);
    }).catch((e) => this.#warn(`Could not write the memory snapshot "${this.snapshotPath}"`, e));
    await this.#pending;
    const every = this.#options.compactEvery ?? DEFAULT_COMPACT_EVERY;
    const state = this.#state.current;
    if (every <= 0 || !state || state.lines - state.compacted < every) return;
    await this.#serial(() => compact(this.#context, retentionOf(this.#options), false))
      .catch((e) => this.#warn(`Could not compact memory in "${this.dir}"`, e));
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
    warnFault(this.#log, message, e);
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
      throw isNopeaError(e) ? e : memoryIo(this.dir, what, e);
    }
  }
}
