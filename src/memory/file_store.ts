/** FileMemoryStore: memory under `.nopea/` (DESIGN §4.4) — the occurrence log, graph.json, manifests, lock. */
import type { KubeObject } from "../manifests/mod.ts";
import type { DeployOccurrence, Occurrence } from "../occurrences/mod.ts";
import { compact, dryRun } from "./_fs_compact.ts";
import { notWritable, warnUnreadableSet } from "./_fs_errors.ts";
import { manifestPath, probeWritable, readManifestSet, writeManifestSet } from "./_fs_files.ts";
import { eachLoggedOccurrence, readOccurrences } from "./_fs_log.ts";
import { readContextState } from "./_fs_context_index.ts";
import { StoreCore } from "./_fs_store_core.ts";
import { retentionOf } from "./compaction.ts";
import type { FileMemoryStoreOptions } from "./file_store_options.ts";
import type { MemoryState } from "./state.ts";
import type { CompactReport, MemoryStore, StoredManifests } from "./store.ts";
import { readOrCreateSecretKey } from "./_fs_secret_key.ts";

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
  #core: StoreCore;
  #secretKey: Promise<Uint8Array> | undefined;

  /** A store in `dir` (created on the first record). */
  constructor(dir: string, options: FileMemoryStoreOptions) {
    this.dir = dir.replace(/\/+$/, "") || "/";
    this.logPath = `${this.dir}/occurrences.ndjson`;
    this.snapshotPath = `${this.dir}/graph.json`;
    this.lockPath = `${this.dir}/lock`;
    this.#options = options;
    this.#core = new StoreCore(this, options);
  }

  async record(occurrence: DeployOccurrence, manifests?: StoredManifests): Promise<void> {
    const core = this.#core;
    if (!core.state.current) await core.refuseNewer();
    await core.io("record a deploy", async () => {
      await Deno.mkdir(this.dir, { recursive: true });
      // Encoded once: the set's text is let go at once, and its size checked without a copy.
      const set = manifests &&
        { hash: manifests.hash, bytes: encoder.encode(JSON.stringify(manifests.objects)) };
      if (set) await writeManifestSet(this.dir, set.hash, set.bytes);
      await core.file.append([JSON.stringify(occurrence)]);
      // A compaction running between the two writes may have deleted a re-used set: write it again.
      if (set) await core.file.exclusive(() => writeManifestSet(this.dir, set.hash, set.bytes));
    });
    await core.afterAppend();
  }

  async recordAll(occurrences: readonly DeployOccurrence[]): Promise<void> {
    if (occurrences.length === 0) return;
    const core = this.#core;
    if (!core.state.current) await core.refuseNewer();
    await core.io("record deploys", async () => {
      await Deno.mkdir(this.dir, { recursive: true });
      await core.file.append(occurrences.map((o) => JSON.stringify(o)));
    });
    await core.afterAppend();
  }

  load(): Promise<MemoryState> {
    return this.#core.load();
  }

  async loadContext(service: string): Promise<MemoryState> {
    // A process that holds the state catches it up; a fresh one reads one line of the index.
    if (this.#core.state.current) return await this.load();
    const indexed = await readContextState(this.snapshotPath, this.logPath, service);
    return indexed ?? await this.load();
  }

  occurrences(): Promise<Occurrence[]> {
    return this.#core.io("read the occurrence log", () => readOccurrences(this.logPath));
  }

  eachOccurrence(each: (occurrence: Occurrence) => void): Promise<void> {
    return this.#core.io(
      "read the occurrence log",
      () => eachLoggedOccurrence(this.logPath, each),
    );
  }

  async manifests(hash: string): Promise<KubeObject[] | undefined> {
    const path = manifestPath(this.dir, hash);
    if (!path) return undefined;
    try {
      return await readManifestSet(path);
    } catch (e) {
      warnUnreadableSet(this.#core.log, path, e);
      return undefined;
    }
  }

  compact(options: Parameters<MemoryStore["compact"]>[0] = {}): Promise<CompactReport> {
    const retention = retentionOf(options, this.#options);
    const core = this.#core;
    return core.serial(() =>
      core.io("compact memory", async () => {
        if (options.dryRun) return await dryRun(core.context, retention);
        await Deno.mkdir(this.dir, { recursive: true });
        return await compact(core.context, retention, true) as CompactReport;
      })
    );
  }

  secretKey(): Promise<Uint8Array> {
    return this.#secretKey ??= this.#core.io(
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
}
