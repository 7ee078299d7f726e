import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { graphToJson } from "../../src/memory/graph/mod.ts";
import { ingestRecord } from "../../src/memory/ingest.ts";
import { SNAPSHOT_VERSION, snapshotToState, stateToSnapshot } from "../../src/memory/snapshot.ts";
import { snapshotText } from "../../src/memory/snapshot_text.ts";
import { emptyState } from "../../src/memory/state.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

function sampleState() {
  const state = emptyState();
  ingestRecord(state, failedRecord("Timeout"), "01OCC00000000000000000000A");
  ingestRecord(state, buildRecord({ manifestsHash: "a".repeat(64) }), "01OCC00000000000000000000B");
  state.offset = 1234;
  state.lines = 2;
  state.head = "01OCC00000000000000000000A";
  state.covered = 1;
  state.compacted = 2;
  return state;
}

Deno.test("stateToSnapshot() and snapshotToState() round-trip through JSON", () => {
  const state = sampleState();
  const json = JSON.parse(JSON.stringify(stateToSnapshot(state)));
  equal(json.version, SNAPSHOT_VERSION);
  deepEqual(json.occurrences, {
    offset: 1234,
    lines: 2,
    count: 2,
    head: "01OCC00000000000000000000A",
    covered: 1,
    compacted: 2,
  });
  const back = snapshotToState(json, "graph.json");
  deepEqual(stateToSnapshot(back), stateToSnapshot(state));
  deepEqual(graphToJson(back.graph), graphToJson(state.graph));
});

/** The current snapshot of a state read from the log's start, with no checkpoint (what v1 and v2 knew). */
function currentWithoutHead() {
  const state = sampleState();
  delete state.head;
  state.covered = 0;
  state.compacted = 0;
  return JSON.parse(JSON.stringify(stateToSnapshot(state)));
}

Deno.test("snapshotToState() migrates version 1 and version 2 snapshots", async (t) => {
  const current = currentWithoutHead();
  const { head: _h, covered: _c, compacted: _k, ...v2Position } = current.occurrences;
  const v2 = { ...current, version: 2, occurrences: v2Position };
  const toV1 = (e: Record<string, unknown>) => {
    const { touched_at, ...rest } = e;
    return { ...rest, touched: Date.parse(String(touched_at)) };
  };
  const { occurrences: _o, nodes, relationships, ...rest } = v2;
  const v1 = {
    ...rest,
    version: 1,
    ...v2Position,
    nodes: nodes.map(toV1),
    relationships: relationships.map(toV1),
  };
  for (const [name, old] of [["version 1", v1], ["version 2", v2]] as const) {
    await t.step(name, () => {
      deepEqual(stateToSnapshot(snapshotToState(old, "graph.json")), current);
    });
  }
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
      name: "a head that is not a string",
      value: {
        ...stateToSnapshot(sampleState()),
        occurrences: { offset: 0, lines: 0, count: 0, head: 7, covered: 0, compacted: 0 },
      },
      code: "MEMORY_CORRUPT",
    },
    {
      name: "a negative offset",
      value: {
        ...stateToSnapshot(sampleState()),
        occurrences: { offset: -1, lines: 0, count: 0, head: null, covered: 0, compacted: 0 },
      },
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

Deno.test("snapshotText() writes the snapshot document, also after the state changed in place", () => {
  const state = sampleState();
  const same = () => deepEqual(JSON.parse(snapshotText(state)), stateToSnapshot(state));
  same();
  const steps = [
    () => ingestRecord(state, failedRecord("Timeout"), "01OCC00000000000000000000C"),
    () => ingestRecord(state, buildRecord({ service: "web" }), "01OCC00000000000000000000D"),
    // A success weakens failed_with: weight and touchedAt change, observations do not.
    () => ingestRecord(state, buildRecord(), "01OCC00000000000000000000E"),
  ];
  for (const step of steps) {
    step();
    same();
  }
});
