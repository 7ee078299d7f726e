/** FileOccurrenceSink: appends occurrences as NDJSON lines, one `write` per line, crash- and process-safe. */
import { type Logger, NopeaError, silentLogger } from "../shared/mod.ts";
import type { Occurrence, OccurrenceSink } from "./occurrence.ts";

/** Options of {@linkcode FileOccurrenceSink}. */
export interface FileOccurrenceSinkOptions {
  /** fsync each line before `append` resolves. @default true */
  durable?: boolean;
  /** Where a set-aside torn line is reported. */
  log?: Logger;
}

const NL = 0x0a;
const encoder = new TextEncoder();

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await file.write(bytes.subarray(off));
}

async function lastNewline(file: Deno.FsFile, size: number): Promise<number> {
  const chunk = new Uint8Array(65536);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    await file.seek(start, Deno.SeekMode.Start);
    const buf = chunk.subarray(0, end - start);
    let got = 0;
    while (got < buf.length) {
      const n = await file.read(buf.subarray(got));
      if (n === null) break;
      got += n;
    }
    const at = buf.subarray(0, got).lastIndexOf(NL);
    if (at >= 0) return start + at;
    end = start;
  }
  return -1;
}

/**
 * Appends occurrences to an NDJSON file (e.g. `.nopea/occurrences.ndjson`). Each
 * line is one `write` with `O_APPEND` while an exclusive `flock` is held, so
 * processes never interleave; before writing, a torn last line left by a killed
 * writer (no trailing newline) is moved to `<name>.torn` so it cannot glue onto
 * the new line. Readers need no lock: they stop at the last newline.
 *
 * @example
 * ```ts
 * import { FileOccurrenceSink } from "./file_sink.ts";
 * import { equal } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const sink = new FileOccurrenceSink(`${dir}/occurrences.ndjson`);
 * await sink.append({
 *   id: "01J0000000000000000000000A", timestamp: "2026-01-01T00:00:00.000Z", protocol_version: "1.0",
 *   source: "nopea", type: "deploy.run.completed", severity: "info", outcome: "success", context: {}, data: {},
 * });
 * equal((await Deno.readTextFile(`${dir}/occurrences.ndjson`)).split("\n").length, 2);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class FileOccurrenceSink implements OccurrenceSink {
  /** The NDJSON file appended to. */
  readonly path: string;
  /** Where torn lines are moved (`<name>.torn`). */
  readonly tornPath: string;
  #durable: boolean;
  #log: Logger;

  /** A sink appending to `path` (created with its first line). */
  constructor(path: string, options: FileOccurrenceSinkOptions = {}) {
    this.path = path;
    this.tornPath = `${path.replace(/\.ndjson$/, "")}.torn`;
    this.#durable = options.durable ?? true;
    this.#log = options.log ?? silentLogger;
  }

  /** Appends one occurrence as one line; resolves once it is written (and synced when durable). */
  async append(occurrence: Occurrence): Promise<void> {
    const line = encoder.encode(`${JSON.stringify(occurrence)}\n`);
    await this.#locked(async (file) => {
      await this.#setAside(file);
      await writeAll(file, line);
      if (this.#durable) await file.syncData();
    });
  }

  /** Runs `fn` while no process can append (the file's exclusive lock is held). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.#locked(() => fn());
  }

  /** Moves a torn last line (left by a killed writer) to the `.torn` file; returns the bytes moved. */
  setAsideTornTail(): Promise<number> {
    return this.#locked((file) => this.#setAside(file));
  }

  async #locked<T>(fn: (file: Deno.FsFile) => Promise<T>): Promise<T> {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(this.path, { read: true, append: true, create: true });
    } catch (cause) {
      throw new NopeaError("MEMORY_IO", `Cannot open the occurrence log "${this.path}"`, {
        hint: "Check that the memory directory exists and is writable (--memory-dir)",
        cause,
      });
    }
    try {
      await file.lock(true);
      return await fn(file);
    } finally {
      file.close();
    }
  }

  async #setAside(file: Deno.FsFile): Promise<number> {
    const size = (await file.stat()).size;
    if (size === 0) return 0;
    const last = new Uint8Array(1);
    await file.seek(size - 1, Deno.SeekMode.Start);
    await file.read(last);
    if (last[0] === NL) return 0;
    const start = (await lastNewline(file, size)) + 1;
    const torn = new Uint8Array(size - start);
    await file.seek(start, Deno.SeekMode.Start);
    let got = 0;
    while (got < torn.length) {
      const n = await file.read(torn.subarray(got));
      if (n === null) break;
      got += n;
    }
    await Deno.writeFile(this.tornPath, new Uint8Array([...torn, NL]), { append: true });
    await file.truncate(start);
    await file.syncData();
    this.#log.log("warn", `Set aside a torn last line of "${this.path}" in "${this.tornPath}"`, {
      bytes: torn.length,
    });
    return torn.length;
  }
}
