/** FileMemoryStore: memory under `.nopea/` (DESIGN §4.4) — the occurrence log, graph.json, manifests, lock. */
import { type Clock, isNopeaError, type Logger, NopeaError, silentLogger } from "../shared/mod.ts";
import type { KubeObject } from "../manifests/mod.ts";
import { type DeployOccurrence, FileOccurrenceSink, type Occurrence } from "../occurrences/mod.ts";
import { pruneGraph } from "./graph/mod.ts";
import {
  manifestPath,
  readTextIfExists,
  removeManifestSets,
  removeTemps,
  writeFileAtomic,
  writeManifestSet,
} from "./_fs_files.ts";
import { lockHolder, tryLock } from "./_fs_lock.ts";
import { readLog } from "./_fs_log.ts";
import { applyLogLine, parseLogLine } from "./replay.ts";
import { snapshotToState, stateToSnapshot } from "./snapshot.ts";
import { emptyState, type MemoryState, type StateOptions } from "./state.ts";
import type { CompactReport, MemoryStore, StoredManifests } from "./store.ts";

/** Options of {@linkcode FileMemoryStore}. */
export interface FileMemoryStoreOptions extends StateOptions {
  /** Time of the lock file and its staleness. */
  clock: Clock;
  /** Where warnings go (a rebuilt snapshot, a torn line set aside). */
  log?: Logger;
  /** fsync every appended line. @default true */
  durable?: boolean;
  /** Rewrite the snapshot once this many log bytes were appended since the last one. @default 1048576 */
  snapshotEvery?: number;
  /** A lock older than this is stale and taken over. @default 30000 */
  lockStaleMs?: number;
}

/**
 * A {@linkcode MemoryStore} in a directory: `occurrences.ndjson` (append-only, the
 * source of truth), `graph.json` (a versioned snapshot with the byte offset it
 * has consumed), `manifests/<sha256>.json` and `lock`. Several processes may
 * record into one directory at once.
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
  /** `<dir>/lock`: held while the snapshot is rewritten. */
  readonly lockPath: string;
  #options: FileMemoryStoreOptions;
  #log: Logger;
  #sink: FileOccurrenceSink;
  #state: MemoryState | undefined;
  #snapshotOffset = 0;
  #chain: Promise<unknown> = Promise.resolve();

  /** A store in `dir` (created on the first record). */
  constructor(dir: string, options: FileMemoryStoreOptions) {
    this.dir = dir.replace(/\/+$/, "") || "/";
    this.logPath = `${this.dir}/occurrences.ndjson`;
    this.snapshotPath = `${this.dir}/graph.json`;
    this.lockPath = `${this.dir}/lock`;
    this.#options = options;
    this.#log = options.log ?? silentLogger;
    this.#sink = new FileOccurrenceSink(this.logPath, {
      durable: options.durable ?? true,
      log: this.#log,
    });
  }

  async record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void> {
    if (!this.#state) await this.#refuseNewer();
    await this.#io("record a deploy", async () => {
      await Deno.mkdir(this.dir, { recursive: true });
      if (manifests) await writeManifestSet(this.dir, manifests.hash, manifests.objects);
      await this.#sink.append(occurrence);
      // A compaction running between the two writes may have deleted a re-used set: write it again.
      if (manifests) {
        await this.#sink.exclusive(() =>
          writeManifestSet(this.dir, manifests.hash, manifests.objects)
        );
      }
    });
    await this.#serial(async () => {
      const state = await this.#io("load memory", () => this.#catchUp(true));
      if (state.offset - this.#snapshotOffset < (this.#options.snapshotEvery ?? 1 << 20)) return;
      await this.#rewrite(false).catch((e) =>
        this.#log.log("warn", `Could not rewrite the memory snapshot "${this.snapshotPath}"`, {
          error: String(e),
        })
      );
    });
  }

  load(): Promise<MemoryState> {
    return this.#serial(() => this.#io("load memory", () => this.#catchUp(true)));
  }

  occurrences(): Promise<Occurrence[]> {
    return this.#io("read the occurrence log", async () => {
      const out: Occurrence[] = [];
      await readLog(this.logPath, { offset: 0, lines: 0 }, (line, n) => {
        out.push(parseLogLine(line, this.logPath, n) as unknown as Occurrence);
      });
      return out;
    });
  }

  manifests(hash: string): Promise<KubeObject[] | undefined> {
    const path = manifestPath(this.dir, hash);
    if (!path) return Promise.resolve(undefined);
    return this.#io("read a manifest set", async () => {
      const text = await readTextIfExists(path);
      return text === undefined ? undefined : JSON.parse(text);
    });
  }

  compact(): Promise<CompactReport> {
    return this.#serial(() =>
      this.#io("compact memory", async () => {
        await Deno.mkdir(this.dir, { recursive: true });
        return await this.#rewrite(true) as CompactReport;
      })
    );
  }

  /** Under the lock: catch up, prune, delete evicted manifest sets, write the snapshot. */
  async #rewrite(required: boolean): Promise<CompactReport | undefined> {
    const release = await tryLock(this.lockPath, {
      clock: this.#options.clock,
      staleMs: this.#options.lockStaleMs ?? 30_000,
    });
    if (!release) {
      if (!required) return undefined;
      const h = await lockHolder(this.lockPath);
      const who = h ? ` (pid ${h.pid} on "${h.host}" since ${h.at})` : "";
      throw new NopeaError(
        "MEMORY_LOCKED",
        `Cannot compact memory in "${this.dir}": another process holds "${this.lockPath}"${who}`,
        {
          hint:
            "Wait for it to finish and run the command again; a lock whose process is gone or older than 30 s is taken over",
        },
      );
    }
    try {
      const state = await this.#catchUp(true);
      const pruned = pruneGraph(state.graph, state.clock);
      const manifests = await this.#sink.exclusive(async () => {
        await this.#catchUp(false);
        const n = await removeManifestSets(this.dir, state.evicted);
        state.evicted.clear();
        return n;
      });
      await removeTemps(this.dir, "graph.json");
      await writeFileAtomic(this.snapshotPath, JSON.stringify(stateToSnapshot(state)));
      this.#snapshotOffset = state.offset;
      return { ...pruned, manifests };
    } finally {
      await release();
    }
  }

  async #catchUp(repairTail: boolean): Promise<MemoryState> {
    let state = this.#state ?? await this.#initial();
    this.#state = state;
    const ingest = (line: string, n: number) => {
      applyLogLine(state, line, this.logPath, n, this.#options);
    };
    try {
      let read = await readLog(this.logPath, state, ingest);
      if (read.misaligned) {
        this.#log.log(
          "warn",
          `Rebuilding memory from "${this.logPath}": the snapshot does not match it`,
        );
        this.#state = state = emptyState();
        read = await readLog(this.logPath, state, ingest);
      }
      state.offset = read.offset;
      state.lines = read.lines;
      if (read.tail > 0 && repairTail) await this.#sink.setAsideTornTail();
      return state;
    } catch (e) {
      this.#state = undefined;
      throw e;
    }
  }

  /** Loads once before the first write, so a newer snapshot is refused before anything is appended. */
  async #refuseNewer(): Promise<void> {
    try {
      await this.load();
    } catch (e) {
      if (isNopeaError(e) && e.code === "MEMORY_VERSION") throw e;
    }
  }

  async #initial(): Promise<MemoryState> {
    const text = await readTextIfExists(this.snapshotPath);
    let state = emptyState();
    if (text !== undefined) {
      try {
        state = snapshotToState(JSON.parse(text), this.snapshotPath);
      } catch (e) {
        if (isNopeaError(e) && e.code === "MEMORY_VERSION") throw e;
        this.#log.log(
          "warn",
          `Rebuilding memory from "${this.logPath}": the snapshot "${this.snapshotPath}" is unreadable`,
          {
            error: String(e),
          },
        );
      }
    }
    this.#snapshotOffset = state.offset;
    return state;
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
