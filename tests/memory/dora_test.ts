import { deepEqual, equal } from "node:assert/strict";
import { doraOf } from "../../src/memory/dora.ts";
import { newServiceState } from "../../src/memory/state.ts";

const day = (deploys: number, completed: number, extra = {}) => ({
  deploys,
  completed,
  failed: deploys - completed,
  rework: 0,
  recoveries: 0,
  recoveryMs: 0,
  ...extra,
});

Deno.test("doraOf() sums the day buckets inside the window only", async (t) => {
  const s = newServiceState("api");
  s.days = {
    "2025-11-01": day(9, 0),
    "2025-12-03": day(2, 2),
    "2026-01-01": day(4, 3, { rework: 1, recoveries: 2, recoveryMs: 60_000 }),
  };
  const now = Date.parse("2026-01-01T12:00:00Z");
  await t.step("a 30-day window starts 29 days before today", () => {
    deepEqual(doraOf(s, now), {
      windowDays: 30,
      deploys: 6,
      deploymentFrequency: Number((5 / 30).toFixed(3)),
      changeFailureRate: Number((1 / 6).toFixed(3)),
      failedDeploymentRecoveryTimeMs: 30_000,
      deploymentReworkRate: Number((1 / 6).toFixed(3)),
    });
  });
  await t.step("a 1-day window sees today only", () => equal(doraOf(s, now, 1).deploys, 4));
  await t.step("a 90-day window sees everything", () => equal(doraOf(s, now, 90).deploys, 15));
});
