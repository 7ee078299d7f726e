import { deepEqual, equal } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { PendingRecord } from "../../src/memory/_replay_scan_record.ts";
import {
  pendingRecords,
  pendingSpans,
  settleHistory,
} from "../../src/memory/_replay_scan_pending.ts";
import { newServiceState } from "../../src/memory/state.ts";
import { buildRecord } from "./_factory.ts";

const pending = (at: number, length: number) =>
  new PendingRecord(
    `01P${at}`,
    "api",
    "prod",
    "completed",
    undefined,
    undefined,
    undefined,
    undefined,
    at,
    length,
  );

Deno.test("pending records are read back in spans of the log: near ones together, far or large ones apart", () => {
  const records = [pending(0, 100), pending(150, 50), pending(10_000, 10), pending(200_000, 10)];
  const spans = pendingSpans(records, 1_000, 100_000);
  deepEqual(spans.map(({ at, length, records }) => [at, length, records.length]), [
    [0, 200, 2],
    [10_000, 10, 1],
    [200_000, 10, 1],
  ]);
  deepEqual(pendingSpans([pending(0, 60), pending(70, 60)], 1_000, 100).length, 2);
  deepEqual(pendingSpans([]), []);
});

Deno.test("the histories' pending records are found in log order and replaced by their records", () => {
  const [a, b, c] = [pending(500, 10), pending(20, 10), pending(90, 10)];
  const kept = buildRecord();
  const services = new Map([["api", newServiceState("api")], ["web", newServiceState("web")]]);
  services.get("api")!.recent = [a, kept, b] as unknown as DeployRecord[];
  services.get("web")!.recent = [c] as unknown as DeployRecord[];
  deepEqual(pendingRecords(services), [b, c, a]);
  const read = new Map([a, b, c].map((p) => [p, buildRecord({ deployId: p.deployId })]));
  settleHistory(services, read);
  deepEqual(services.get("api")!.recent, [read.get(a), kept, read.get(b)]);
  equal(services.get("web")!.recent[0], read.get(c));
});
