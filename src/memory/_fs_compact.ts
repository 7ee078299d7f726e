/**
 * Compaction of the file store: under the `lock` file, scan the log, then — holding the log's
 * flock so nothing is appended meanwhile — catch up, prune, delete evicted manifest sets and
 * replace the log by a checkpoint plus the lines kept. The new file is locked before it is
 * renamed into place, so a writer that opens it waits until the snapshot matches it.
 */
import { type Clock, NopeaError, ulidSource } from "../shared/mod.ts";
import { graphFromJson, graphToJson, pruneGraph } from "./graph/mod.ts";
import type { LogFile } from "./_fs_append.ts";
import { manifestPath, removeManifestSets, removeTemps } from "./_fs_files.ts";
import { lockHolder, tryLock } from "./_fs_lock.ts";
import type { FileState } from "./_fs_state.ts";
import { type LogPosition, type LogRead, readLog } from "./_fs_log.ts";
import { rewriteLog } from "./_fs_rewrite.ts";
import { planCompaction } from "./compaction.ts";
import { LineTable } from "./line_table.ts";
import type { MemoryState } from "./state.ts";
import type { CompactOptions, CompactReport } from "./store.ts";

/** What compaction needs of the store. */
export interface CompactContext {
  dir: string;
  logPath: string;
  lockPath: string;
  file: LogFile;
  /** Takes the `lock` file, or returns `undefined` when a live process holds it. */
  lock(): Promise<(() => Promise<void>) | undefined>;
  /** The state caught up to the end of the log (`repair`: set a torn tail aside first). */
  catchUp(repair: boolean): Promise<MemoryState>;
  /** Writes the snapshot of `state`. */
  save(state: MemoryState): Promise<void>;
  /** A new occurrence id and the time now (ISO), for the checkpoint. */
  stamp(): { id: string; at: string };
}

/** The compaction context of a store in `paths.dir`, its log file and its state. */
export function compactContext(
  paths: { dir: string; logPath: string; lockPath: string },
  file: LogFile,
  state: FileState,
  options: { clock: Clock; lockStaleMs?: number },
): CompactContext {
  const ids = ulidSource(options.clock);
  return {
    dir: paths.dir,
    logPath: paths.logPath,
    lockPath: paths.lockPath,
    file,
    lock: () =>
      tryLock(paths.lockPath, { clock: options.clock, staleMs: options.lockStaleMs ?? 30_000 }),
    catchUp: (repair) => state.catchUp(repair),
    save: (s) => state.save(s),
    stamp: () => ({ id: ids.next(), at: new Date(options.clock.now()).toISOString() }),
  };
}

function scan(path: string, state: MemoryState, table: LineTable, from: LogPosition) {
  return readLog(path, from, (line, lineNo, start, end) => {
    table.add(state, line, { file: path, lineNo, start, end });
  });
}

/** What a compaction would remove now, changing nothing (no lock, no write). */
export async function dryRun(ctx: CompactContext, options: CompactOptions): Promise<CompactReport> {
  const state = await ctx.catchUp(false);
  const table = new LineTable();
  await scan(ctx.logPath, state, table, { offset: 0, lines: 0 });
  const pruned = pruneGraph(graphFromJson(graphToJson(state.graph)), state.clock);
  let manifests = 0;
  for (const hash of state.evicted) {
    const path = manifestPath(ctx.dir, hash);
    if (path && await Deno.stat(path).then(() => true, () => false)) manifests++;
  }
  const plan = planCompaction(table, state.clock, options);
  return {
    ...pruned,
    manifests,
    occurrences: plan.dropped,
    occurrencesKept: plan.kept,
    dryRun: true,
  };
}

async function locked(ctx: CompactContext, required: boolean) {
  const release = await ctx.lock();
  if (release || !required) return release;
  const h = await lockHolder(ctx.lockPath);
  const who = h ? ` (pid ${h.pid} on "${h.host}" since ${h.at})` : "";
  throw new NopeaError(
    "MEMORY_LOCKED",
    `Cannot compact memory in "${ctx.dir}": another process holds "${ctx.lockPath}"${who}`,
    {
      hint:
        "Wait for it to finish and run the command again; a lock whose process is gone or older than 30 s is taken over",
    },
  );
}

function changed(ctx: CompactContext): NopeaError {
  return new NopeaError(
    "MEMORY_IO",
    `Cannot compact memory in "${ctx.dir}": "${ctx.logPath}" was replaced while it was read`,
    { hint: "Run the command again; make sure only Nopea writes to the memory directory" },
  );
}

/**
 * Compacts the store. Returns `undefined` when another process holds the lock and `required`
 * is false.
 *
 * @throws {NopeaError} `MEMORY_LOCKED` when another process holds the lock and `required` is true.
 */
export async function compact(
  ctx: CompactContext,
  options: CompactOptions,
  required: boolean,
): Promise<CompactReport | undefined> {
  const release = await locked(ctx, required);
  if (!release) return undefined;
  try {
    await removeTemps(ctx.dir, "occurrences.ndjson");
    await removeTemps(ctx.dir, "graph.json");
    await removeTemps(ctx.dir, ".probe");
    const table = new LineTable();
    const first: LogRead = await scan(ctx.logPath, await ctx.catchUp(true), table, {
      offset: 0,
      lines: 0,
    });
    return await ctx.file.exclusive(async (file) => {
      await ctx.file.setAsideIn(file);
      const state = await ctx.catchUp(false);
      const rest = await scan(ctx.logPath, state, table, first);
      if (rest.mismatch || rest.offset !== state.offset) throw changed(ctx);
      const pruned = pruneGraph(state.graph, state.clock);
      const plan = planCompaction(table, state.clock, options);
      const manifests = await removeManifestSets(ctx.dir, state.evicted);
      state.evicted.clear();
      const report = { ...pruned, manifests, occurrences: plan.dropped, dryRun: false };
      if (plan.dropped === 0) {
        state.compacted = state.lines;
        await ctx.save(state);
        return { ...report, occurrencesKept: plan.kept };
      }
      const replaced = await rewriteLog(file, ctx.logPath, state, table, plan, ctx.stamp());
      try {
        await ctx.save(state);
      } finally {
        replaced.close();
      }
      return { ...report, occurrencesKept: plan.kept };
    });
  } finally {
    await release();
  }
}
