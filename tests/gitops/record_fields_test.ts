import { equal, throws } from "node:assert/strict";
import { parseDeployRecord } from "../../src/deploys/mod.ts";

const RECORD = {
  deployId: "01J0000000000000000000000A",
  service: "web",
  namespace: "shop",
  strategy: "direct",
  strategyReasons: [],
  status: "completed",
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:01.000Z",
  durationMs: 1000,
  resources: [],
  verified: true,
  driftCount: 0,
  images: [],
  dependsOn: [],
  warnings: [],
};

const SOURCE = {
  name: "web",
  repo: "https://git.example/app.git",
  branch: "main",
  commit: "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567",
};

Deno.test("a record without trigger and source (written before nopea watch) stays valid", () => {
  equal(parseDeployRecord(RECORD).trigger, undefined);
});

Deno.test("a record with trigger and source revision is read back with them", () => {
  const record = parseDeployRecord({ ...RECORD, trigger: "webhook", source: SOURCE });
  equal(record.trigger, "webhook");
  equal(record.source?.commit, SOURCE.commit);
});

Deno.test("a bad trigger or source field is MEMORY_CORRUPT naming the field", () => {
  throws(() => parseDeployRecord({ ...RECORD, trigger: "cron" }), /field "trigger"/);
  throws(
    () => parseDeployRecord({ ...RECORD, source: { ...SOURCE, commit: 42 } }),
    /field "source.commit"/,
  );
  throws(
    () => parseDeployRecord({ ...RECORD, source: { ...SOURCE, previous: false } }),
    /field "source.previous"/,
  );
});
