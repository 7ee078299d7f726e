import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { buildOccurrence } from "../../src/occurrences/mod.ts";
import { applyLogLine, applyOccurrence, isDeployOccurrence } from "../../src/memory/replay.ts";
import { stateToSnapshot } from "../../src/memory/snapshot.ts";
import { emptyState } from "../../src/memory/state.ts";
import { buildRecord, failedRecord } from "./_factory.ts";

const occ = (id: string, record = failedRecord("Timeout")) =>
  buildOccurrence(record, undefined, { id });

Deno.test("applyLogLine() learns the same from a line as applyOccurrence() from the parsed object", async (t) => {
  const lines = [
    JSON.stringify(occ("01A")),
    JSON.stringify(occ("01B", buildRecord({ warnings: [`a "quoted" ,"record":{ inside`] }))),
  ];
  const reordered = (() => {
    const { data, ...rest } = occ("01C");
    return JSON.stringify({ data, ...rest });
  })();
  const cases = [
    { name: "lines written by buildOccurrence (fast path)", lines },
    { name: "a line with another key order (full parse)", lines: [...lines, reordered] },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const viaLine = emptyState();
      const viaObject = emptyState();
      c.lines.forEach((line, i) => equal(applyLogLine(viaLine, line, "log", i + 1), true));
      c.lines.forEach((line) => applyOccurrence(viaObject, JSON.parse(line), "log"));
      deepEqual(stateToSnapshot(viaLine), stateToSnapshot(viaObject));
      equal(
        viaLine.services.get("api")?.recent.at(-1)?.deployId,
        JSON.parse(c.lines.at(-1)!).data.deploy_id,
      );
    });
  }
});

Deno.test("applyLogLine() ignores occurrences that are not deploys", () => {
  const state = emptyState();
  const line = JSON.stringify({
    id: "01X",
    type: "ci.run.passed",
    protocol_version: "1.0",
    data: {},
  });
  equal(applyLogLine(state, line, "log", 1), false);
  equal(state.occurrences, 0);
  equal(isDeployOccurrence(JSON.parse(line)), false);
});

Deno.test("applyLogLine() reports corrupt lines with file and line number", async (t) => {
  const bad = occ("01A");
  (bad.data.record as unknown as Record<string, unknown>)["service"] = 7;
  const broken = JSON.stringify(bad);
  const cases = [
    { name: "not JSON", line: "{oops", message: /line 4 is not valid JSON/ },
    { name: "not an object", line: "[1,2]", message: /line 4 is not a JSON object/ },
    { name: "a deploy record with a wrong field", line: broken, message: /line 4.*"service"/ },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => applyLogLine(emptyState(), c.line, ".nopea/occurrences.ndjson", 4),
        (e) =>
          isNopeaError(e) && e.code === "MEMORY_CORRUPT" && c.message.test(e.message) &&
          e.message.includes(".nopea/occurrences.ndjson"),
      );
    });
  }
});
