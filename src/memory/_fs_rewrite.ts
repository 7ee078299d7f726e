/** Replaces the occurrence log by its checkpoint and the lines a compaction keeps. */
import { checkpointLine } from "./checkpoint.ts";
import type { CompactionPlan } from "./compaction.ts";
import type { LineTable } from "./line_table.ts";
import type { MemoryState } from "./state.ts";

const encoder = new TextEncoder();
const COPY = 1 << 20;

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await file.write(bytes.subarray(off));
}

/** The byte ranges of the kept lines, adjacent lines merged. */
function* ranges(table: LineTable, keep: Uint8Array): Generator<[number, number]> {
  let start = -1;
  let end = -1;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const s = table.start[i] as number;
    if (s !== end) {
      if (start >= 0) yield [start, end];
      start = s;
    }
    end = s + (table.bytes[i] as number);
  }
  if (start >= 0) yield [start, end];
}

async function copy(from: Deno.FsFile, to: Deno.FsFile, start: number, end: number) {
  const buf = new Uint8Array(Math.min(COPY, end - start));
  await from.seek(start, Deno.SeekMode.Start);
  for (let at = start; at < end;) {
    const n = await from.read(buf.subarray(0, Math.min(buf.length, end - at)));
    if (n === null) throw new Error(`the log ended at byte ${at}, before ${end}`);
    await writeAll(to, buf.subarray(0, n));
    at += n;
  }
}

async function syncDir(path: string): Promise<void> {
  const dir = path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || ".";
  const handle = await Deno.open(dir, { read: true }).catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  handle.close();
}

/**
 * Writes the checkpoint of `state` and the kept lines of `old` (the locked log) to a temp
 * file, fsyncs and locks it, renames it over `path` and moves `state` to its end. Returns the
 * new file, still locked: close it once the snapshot matches it.
 */
export async function rewriteLog(
  old: Deno.FsFile,
  path: string,
  state: MemoryState,
  table: LineTable,
  plan: CompactionPlan,
  stamp: { id: string; at: string },
): Promise<Deno.FsFile> {
  const tmp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const out = await Deno.open(tmp, { read: true, write: true, createNew: true });
  try {
    const first = encoder.encode(`${checkpointLine(state, plan.kept, stamp.id, stamp.at)}\n`);
    await writeAll(out, first);
    let size = first.length;
    for (const [start, end] of ranges(table, plan.keep)) {
      await copy(old, out, start, end);
      size += end - start;
    }
    await out.sync();
    await out.lock(true);
    await Deno.rename(tmp, path);
    await syncDir(path);
    state.offset = size;
    state.lines = 1 + plan.kept;
    state.head = stamp.id;
    state.covered = state.lines;
    state.compacted = state.lines;
    return out;
  } catch (e) {
    out.close();
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
