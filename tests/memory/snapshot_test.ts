import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { graphToJson } from "../../src/memory/graph/mod.ts";
import { ingestRecord } from "../../src/memory/ingest.ts";
import { SNAPSHOT_VERSION, snapshotToState, stateToSnapshot } from "../../src/memory/snapshot.ts";
import { emptyState } from "../../src/memory/state.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

function sampleState() {
  const state = emptyState();
  ingestRecord(state, failedRecord("Timeout"), "01OCC00000000000000000000A");
  ingestRecord(state, buildRecord({ manifestsHash: "a".repeat(64) }), "01OCC00000000000000000000B");
  state.offset = 1234;
  state.lines = 2;
  return state;
}

Deno.test("stateToSnapshot() and snapshotToState() round-trip through JSON", () => {
  const state = sampleState();
  const json = JSON.parse(JSON.stringify(stateToSnapshot(state)));
  equal(json.version, SNAPSHOT_VERSION);
  deepEqual(json.occurrences, { offset: 1234, lines: 2, count: 2 });
  const back = snapshotToState(json, "graph.json");
  deepEqual(stateToSnapshot(back), stateToSnapshot(state));
  deepEqual(graphToJson(back.graph), graphToJson(state.graph));
});

Deno.test("snapshotToState() migrates a version 1 snapshot", () => {
  const v2 = JSON.parse(JSON.stringify(stateToSnapshot(sampleState())));
  const toV1 = (e: Record<string, unknown>) => {
    const { touched_at, ...rest } = e;
    return { ...rest, touched: Date.parse(String(touched_at)) };
  };
  const { occurrences, nodes, relationships, ...rest } = v2;
  const v1 = {
    ...rest,
    version: 1,
    ...occurrences,
    nodes: nodes.map(toV1),
    relationships: relationships.map(toV1),
  };
  deepEqual(stateToSnapshot(snapshotToState(v1, "graph.json")), v2);
});

Deno.test("snapshotToState() refuses a newer version and rejects a malformed one", async (t) => {
  const cases = [
    { name: "a newer version", value: { version: SNAPSHOT_VERSION + 1 }, code: "MEMORY_VERSION" },
    { name: "not an object", value: "x", code: "MEMORY_CORRUPT" },
    { name: "no version", value: { nodes: [] }, code: "MEMORY_CORRUPT" },
    { name: "version 0", value: { version: 0 }, code: "MEMORY_CORRUPT" },
    {
      name: "missing counters",
      value: { version: SNAPSHOT_VERSION, nodes: [], relationships: [] },
      code: "MEMORY_CORRUPT",
    },
    {
      name: "a negative offset",
      value: { ...stateToSnapshot(sampleState()), occurrences: { offset: -1, lines: 0, count: 0 } },
      code: "MEMORY_CORRUPT",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => snapshotToState(c.value, ".nopea/graph.json"),
        (e) => isNopeaError(e) && e.code === c.code && e.message.includes(".nopea/graph.json"),
      );
    });
  }
});
