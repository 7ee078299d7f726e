import { deepEqual, ok } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { BatchWriter } from "../../src/memory/_replay_batch.ts";
import { LookaheadLearner } from "../../src/memory/_replay_lookahead.ts";
import { graphToJson } from "../../src/memory/graph/mod.ts";
import { ingestRecord, ingestTime, teaches } from "../../src/memory/ingest.ts";
import { emptyState, type MemoryState } from "../../src/memory/state.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

const START = Date.parse("2026-01-01T00:00:00Z");

/** Deploy `i` (one every 10 minutes): new tags, and images that stop and come back much later. */
function recordAt(i: number): DeployRecord {
  const service = ["api", "web", "worker"][i % 3] as string;
  const images = [`registry.example/${service}:${i}`];
  // Mentioned for longer than the window, silent until long pruned, then mentioned again.
  if (i % 50 === 0 && (i < 5_000 || (i > 25_000 && i < 26_000))) images.push("example/comeback");
  if (i % 2_000 === 7) images.push("example/steady");
  const at = {
    service,
    deployId: `01LOOK${String(i).padStart(20, "0")}`,
    finishedAt: new Date(START + i * 600_000).toISOString(),
    images,
  };
  if (i % 7 === 3) return failedRecord("Timeout", at);
  if (i % 11 === 5) return buildRecord({ ...at, status: "refused", verified: false });
  return buildRecord(at);
}

/** The records learned through a `LookaheadLearner` with a small window, in batches of 500. */
function learnedAhead(records: DeployRecord[], window: number): [MemoryState, number] {
  const state = emptyState();
  const learner = new LookaheadLearner(state, window);
  let batch = new BatchWriter();
  let clock = 0;
  records.forEach((record, i) => {
    const t = clock = ingestTime(clock, record);
    const learns = teaches(record);
    batch.add(`01OCC${i}`, t, learns ? record : 0);
    if (batch.size === 500 || i === records.length - 1) {
      learner.add(batch.take()[0]);
      batch = new BatchWriter();
    }
  });
  learner.finish();
  return [state, learner.imagesNotLearned];
}

Deno.test("learning a window behind leaves out only images no one could read: the same graph", () => {
  const records = Array.from({ length: 31_000 }, (_, i) => recordAt(i));
  const reference = emptyState();
  records.forEach((record, i) => ingestRecord(reference, record, `01OCC${i}`));
  for (const window of [3_000, 12_000]) {
    const [state, left] = learnedAhead(records, window);
    deepEqual(graphToJson(state.graph), graphToJson(reference.graph), `window ${window}`);
    deepEqual([state.clock, state.occurrences], [reference.clock, reference.occurrences]);
    ok(left > 5_000, `window ${window}: ${left} images left out`);
  }
});
