/**
 * Parallel replay of a long stretch of the log: a Worker reads, parses and checks the records
 * and keeps the per-service history while this thread learns the graph from what it sends,
 * in log order (`LookaheadLearner`: a window behind, leaving out images pruned before anything
 * reads them). The state is the one `applyLogLine` gives line by line (the same functions run
 * on the same records in the same order): lines the worker does not ingest are read here.
 */
import type { Logger } from "../shared/mod.ts";
import type { LogPosition, OnLine } from "./_fs_log.ts";
import { scan } from "./_fs_lines.ts";
import type { ReplayEnd, ReplayMessage, ReplayRun } from "./_fs_replay_protocol.ts";
import { LookaheadLearner } from "./_replay_lookahead.ts";
import type { MemoryState, StateOptions } from "./state.ts";

/** Reads the log from a position to its last newline, as `scan` does. */
export type Scanner = typeof scan;

/** Below this many bytes to read, starting a worker costs more than it saves. */
export const PARALLEL_REPLAY_BYTES = 32 << 20;

class Resume {
  constructor(readonly offset: number, readonly lines: number) {}
}

/** Runs the worker from `from`; `undefined` when it could not start (nothing was learned then). */
function inWorker(
  state: MemoryState,
  path: string,
  from: LogPosition,
  options: StateOptions,
): Promise<[ReplayEnd, LookaheadLearner] | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./_fs_replay_worker.ts", import.meta.url).href, {
      type: "module",
    });
  } catch {
    return Promise.resolve(undefined); // No workers here (or not this module): one thread.
  }
  let started = false;
  const learner = new LookaheadLearner(state);
  return new Promise<[ReplayEnd, LookaheadLearner] | undefined>((resolve, reject) => {
    const fail = (error: unknown) => (worker.terminate(), reject(error));
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (started) reject(new Error(`memory replay worker: ${event.message}`));
      else resolve(undefined);
    };
    worker.onmessage = (event: MessageEvent<ReplayMessage>) => {
      const m = event.data;
      started = true;
      try {
        if (m.type === "batch") {
          learner.add(m);
          worker.postMessage({ type: "ack" });
        } else if (m.type === "end") {
          worker.terminate();
          learner.finish();
          resolve([m, learner]);
        } else {
          fail(new Error(m.message));
        }
      } catch (e) {
        fail(e);
      }
    };
    const run: ReplayRun = {
      type: "run",
      path,
      offset: from.offset,
      lines: from.lines,
      covered: state.covered,
      clock: state.clock,
      services: state.services,
      evicted: state.evicted,
      options: {
        ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
        ...(options.retention === undefined ? {} : { retention: options.retention }),
      },
    };
    worker.postMessage(run);
  });
}

/**
 * A {@linkcode Scanner} that replays into `state` with a worker while at least `minBytes`
 * are left to read, and line by line (`onLine`) otherwise and for lines the worker leaves.
 */
export function parallelScanner(
  state: MemoryState,
  path: string,
  options: StateOptions,
  how: { minBytes?: number | undefined; log: Logger },
): Scanner {
  // With one core a worker only adds its own cost; an explicit threshold is followed as given.
  const oneCore = (globalThis.navigator?.hardwareConcurrency ?? 2) < 2;
  const minBytes = how.minBytes ?? (oneCore ? Number.POSITIVE_INFINITY : PARALLEL_REPLAY_BYTES);
  return async (file, from, size, onLine) => {
    let at: LogPosition = { offset: from.offset, lines: from.lines };
    for (;;) {
      const left = size - at.offset;
      if (left <= 0 || left < minBytes) return await scan(file, at, size, onLine);
      const ran = await inWorker(state, path, at, options);
      if (!ran) {
        how.log.log("debug", `Replaying "${path}" on one thread: the worker did not start`);
        return await scan(file, at, size, onLine);
      }
      const [end, learner] = ran;
      how.log.log("debug", `Replayed "${path}" with a worker`, {
        fromLine: at.lines + 1,
        toLine: end.lines,
        bytes: end.offset - at.offset,
        imagesNotLearned: learner.imagesNotLearned,
      });
      state.services = end.services;
      state.evicted = end.evicted;
      if (!end.stopped) return { offset: end.offset, lines: end.lines, tail: end.tail };
      const next = await lineByLine(file, end, size, onLine);
      if (!(next instanceof Resume)) return next;
      at = next;
    }
  };
}

/** Reads the line at `at` here (a checkpoint, or a fault to report), then resumes the worker. */
async function lineByLine(
  file: Deno.FsFile,
  at: LogPosition,
  size: number,
  onLine: OnLine,
): Promise<Resume | Awaited<ReturnType<Scanner>>> {
  let read = 0;
  try {
    return await scan(file, at, size, (line, n, start, end) => {
      if (read > 0) throw new Resume(start, n - 1);
      onLine(line, n, start, end);
      read++;
    });
  } catch (e) {
    if (e instanceof Resume) return e;
    throw e;
  }
}
