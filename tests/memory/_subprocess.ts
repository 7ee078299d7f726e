/** Helpers for the crash and concurrency tests: run the record loop fixture and read what it reports. */
import { FileMemoryStore } from "../../src/memory/mod.ts";
import { graphAt } from "../../src/memory/graph/mod.ts";
import { applyOccurrence } from "../../src/memory/replay.ts";
import { emptyState, type MemoryState } from "../../src/memory/state.ts";
import { systemClock } from "../../src/shared/mod.ts";

const FIXTURE = new URL("./_fixtures/record_loop.ts", import.meta.url).pathname;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** How the recorder's store compacts: every this many lines, keeping so many per service. */
export interface RecorderCompaction {
  compactEvery: number;
  keepPerService: number;
  historyLimit: number;
}

/** Starts the fixture recording `count` deploys into `dir` (never compacting unless told). */
export function startRecorder(
  dir: string,
  count: number,
  worker: string,
  compaction: RecorderCompaction = { compactEvery: 0, keepPerService: 100, historyLimit: 50 },
): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--config",
      CONFIG,
      FIXTURE,
      dir,
      String(count),
      worker,
      String(compaction.compactEvery),
      String(compaction.keepPerService),
      String(compaction.historyLimit),
    ],
    stdout: "piped",
    stderr: "inherit",
    stdin: "null",
  }).spawn();
}

/**
 * Reads the deployIds a recorder prints; calls `onLine` after each one (e.g. to
 * kill it) and returns every id printed before the pipe closed.
 */
export async function readReported(
  child: Deno.ChildProcess,
  onLine?: (n: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  let buffered = "";
  for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      ids.push(line);
      onLine?.(ids.length);
    }
  }
  return ids;
}

/** The state a fresh store loads, and the state a replay of its whole log gives. */
export async function loadAndReplay(
  dir: string,
): Promise<{ loaded: MemoryState; replayed: MemoryState; ids: string[] }> {
  const store = new FileMemoryStore(dir, { clock: systemClock, retention: 3 });
  const loaded = await store.load();
  const replayed = emptyState();
  const ids: string[] = [];
  for (const occ of await store.occurrences()) {
    applyOccurrence(replayed, occ, "replay", { retention: 3 });
    ids.push(String((occ.data["record"] as { deployId: string }).deployId));
  }
  return { loaded, replayed, ids };
}

/**
 * The comparable part of a state: the graph as it reads at the log clock (a
 * snapshot may already have pruned what is dead by then; a raw replay has not),
 * the per-service state and the clock.
 */
export function comparable(state: MemoryState): unknown {
  return {
    graph: graphAt(state.graph, state.clock),
    services: Object.fromEntries(state.services),
    clock: state.clock,
  };
}

/**
 * The state a fresh store loads, and the state the log alone rebuilds (a copy of the log in
 * a directory without graph.json): after compactions the two must still agree.
 */
export async function loadAndRebuild(
  dir: string,
  options: { historyLimit: number },
): Promise<{ loaded: MemoryState; rebuilt: MemoryState }> {
  const open = (at: string) =>
    new FileMemoryStore(at, { clock: systemClock, retention: 3, ...options, compactEvery: 0 });
  const loaded = await open(dir).load();
  const copy = await Deno.makeTempDir({ prefix: "nopea-rebuild-" });
  try {
    await Deno.copyFile(`${dir}/occurrences.ndjson`, `${copy}/occurrences.ndjson`);
    return { loaded, rebuilt: await open(copy).load() };
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
}
