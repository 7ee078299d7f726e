/**
 * The occurrence log as a file processes append to under an exclusive `flock`. A compaction
 * replaces the file (rename) while holding the locks of the old and the new one, so every
 * lock holder checks, once it holds the lock, that it locked the file now at the path.
 */
import { type Logger, NopeaError } from "../shared/mod.ts";

const NL = 0x0a;
const encoder = new TextEncoder();

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await file.write(bytes.subarray(off));
}

async function readAt(file: Deno.FsFile, at: number, buf: Uint8Array): Promise<number> {
  await file.seek(at, Deno.SeekMode.Start);
  let got = 0;
  while (got < buf.length) {
    const n = await file.read(buf.subarray(got));
    if (n === null) break;
    got += n;
  }
  return got;
}

async function lastNewline(file: Deno.FsFile, size: number): Promise<number> {
  const chunk = new Uint8Array(65536);
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - chunk.length);
    const got = await readAt(file, start, chunk.subarray(0, end - start));
    const at = chunk.subarray(0, got).lastIndexOf(NL);
    if (at >= 0) return start + at;
    end = start;
  }
  return -1;
}

/** The log file: appends, exclusive sections and the setting aside of a torn last line. */
export class LogFile {
  /** The log's path. */
  readonly path: string;
  /** Where torn lines are moved (`<name>.torn`). */
  readonly tornPath: string;
  #durable: boolean;
  #log: Logger;

  /** The log at `path`; `durable` fsyncs every append. */
  constructor(path: string, options: { durable: boolean; log: Logger }) {
    this.path = path;
    this.tornPath = `${path.replace(/\.ndjson$/, "")}.torn`;
    this.#durable = options.durable;
    this.#log = options.log;
  }

  /** Appends lines (each without its newline) in one write, after setting aside a torn line. */
  append(lines: readonly string[]): Promise<void> {
    const bytes = encoder.encode(lines.map((l) => `${l}\n`).join(""));
    return this.exclusive(async (file) => {
      await this.#setAside(file);
      await writeAll(file, bytes);
      if (this.#durable) await file.syncData();
    });
  }

  /** Moves a torn last line (left by a killed writer) to the `.torn` file; returns its bytes. */
  setAsideTornTail(): Promise<number> {
    return this.exclusive((file) => this.#setAside(file));
  }

  /** {@linkcode setAsideTornTail} inside {@linkcode exclusive}, on the file it holds. */
  setAsideIn(file: Deno.FsFile): Promise<number> {
    return this.#setAside(file);
  }

  /** Runs `fn` holding the exclusive lock of the file now at the path (created if missing). */
  async exclusive<T>(fn: (file: Deno.FsFile) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const file = await this.#open();
      try {
        await file.lock(true);
        if (await this.#current(file)) return await fn(file);
      } finally {
        file.close();
      }
    }
    throw new NopeaError("MEMORY_IO", `Cannot lock the occurrence log "${this.path}"`, {
      hint:
        "Another process keeps replacing it; make sure only Nopea writes to the memory directory",
    });
  }

  async #open(): Promise<Deno.FsFile> {
    try {
      return await Deno.open(this.path, { read: true, append: true, create: true });
    } catch (cause) {
      throw new NopeaError("MEMORY_IO", `Cannot open the occurrence log "${this.path}"`, {
        hint: "Check that the memory directory exists and is writable (--memory-dir)",
        cause,
      });
    }
  }

  /** Whether `file` is still the file at the path (a compaction may have replaced it). */
  async #current(file: Deno.FsFile): Promise<boolean> {
    const [held, now] = await Promise.all([file.stat(), Deno.stat(this.path).catch(() => null)]);
    return now !== null && held.ino === now.ino && held.dev === now.dev;
  }

  async #setAside(file: Deno.FsFile): Promise<number> {
    const size = (await file.stat()).size;
    if (size === 0) return 0;
    const last = new Uint8Array(1);
    await readAt(file, size - 1, last);
    if (last[0] === NL) return 0;
    const start = (await lastNewline(file, size)) + 1;
    const torn = new Uint8Array(size - start + 1);
    await readAt(file, start, torn.subarray(0, size - start));
    torn[torn.length - 1] = NL;
    await Deno.writeFile(this.tornPath, torn, { append: true });
    await file.truncate(start);
    await file.syncData();
    this.#log.log(
      "warn",
      `Set aside a torn last line of "${this.path}" in "${this.tornPath}"`,
      { bytes: size - start },
    );
    return size - start;
  }
}
