import { deepEqual, equal, ok } from "node:assert/strict";
import { fixedClock, seqIds } from "../../src/shared/mod.ts";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { buildRecord, failedRecord, hoursAfter } from "./_factory.ts";

async function memoryWith(records: DeployRecord[], nowHours: number) {
  const clock = fixedClock(hoursAfter(nowHours));
  const memory = createMemory(new InMemoryMemoryStore(), { clock, ids: seqIds() });
  for (const r of records) await memory.record(r);
  return { memory, clock };
}

Deno.test("context() of an unknown service recommends direct", async () => {
  const { memory } = await memoryWith([], 0);
  const ctx = await memory.context("ghost", "prod");
  equal(ctx.known, false);
  deepEqual(ctx.recentDeploys, []);
  deepEqual(ctx.failurePatterns, []);
  equal(ctx.recommendedStrategy, "direct");
  deepEqual(ctx.dora, {
    windowDays: 30,
    deploys: 0,
    deploymentFrequency: 0,
    changeFailureRate: null,
    failedDeploymentRecoveryTimeMs: null,
    deploymentReworkRate: null,
  });
});

Deno.test("context() reports failure patterns with confidence, times seen, last seen and evidence", async () => {
  const { memory } = await memoryWith([
    failedRecord("ImagePullBackOff", { finishedAt: hoursAfter(1) }),
    failedRecord("ImagePullBackOff", { finishedAt: hoursAfter(1) }),
    failedRecord("CrashLoopBackOff", { finishedAt: hoursAfter(2) }),
  ], 2);
  const ctx = await memory.context("api", "prod");
  equal(ctx.known, true);
  deepEqual(ctx.failurePatterns.map((p) => [p.errorClass, p.confidence, p.timesSeen, p.lastSeen]), [
    ["ImagePullBackOff", Number((0.59 * 0.98).toFixed(3)), 2, hoursAfter(1)],
    ["CrashLoopBackOff", 0.5, 1, hoursAfter(2)],
  ]);
  equal(ctx.failurePatterns[0]?.evidence.length, 2);
  equal(ctx.recentDeploys[0]?.errorClass, "CrashLoopBackOff");
  equal(ctx.recommendedStrategy, "canary");
  deepEqual(ctx.reasons, [`"api" failed with CrashLoopBackOff before, in its last deploy`]);
  deepEqual(
    [ctx.failureRate.failures, ctx.failureRate.deploys, ctx.failureRate.lastFailure],
    [1, 1, { status: "failed", errorClass: "CrashLoopBackOff" }],
    "a retry right after a failure is not counted again",
  );
});

Deno.test("context() lets failure patterns fade with simulated hours; a failed last deploy still means canary", async (t) => {
  const cases = [
    { hours: 1, patterns: 1 },
    { hours: 50, patterns: 1 },
    { hours: 100, patterns: 1 },
    { hours: 120, patterns: 0 },
  ];
  for (const c of cases) {
    await t.step(`${c.hours} hours after a failure: ${c.patterns} pattern(s), canary`, async () => {
      const { memory } = await memoryWith(
        [failedRecord("Timeout", { finishedAt: hoursAfter(0) })],
        c.hours,
      );
      const ctx = await memory.context("api", "prod");
      equal(ctx.failurePatterns.length, c.patterns);
      equal(ctx.recommendedStrategy, "canary");
    });
  }
  await t.step(
    "once a deploy went through, the old failure alone is below the threshold",
    async () => {
      const { memory } = await memoryWith([
        failedRecord("Timeout", { finishedAt: hoursAfter(0) }),
        buildRecord({ finishedAt: hoursAfter(1) }),
      ], 1);
      equal((await memory.context("api", "prod")).recommendedStrategy, "direct");
    },
  );
});

Deno.test("context() honours the configured canary threshold", async () => {
  const records = [failedRecord("Timeout"), buildRecord()];
  const { memory } = await memoryWith(records, 0);
  const low = await memory.context("api", "prod", { canaryThreshold: 0.1 });
  const high = await memory.context("api", "prod", { canaryThreshold: 0.5 });
  equal(low.recommendedStrategy, "canary");
  equal(high.recommendedStrategy, "direct");
});

Deno.test("context() lists dependencies with their last status, and dependents", async () => {
  const { memory } = await memoryWith([
    buildRecord({
      service: "db",
      status: "failed",
      error: { code: "DEPLOY_FAILED", message: "pod db-0: CrashLoopBackOff" },
    }),
    buildRecord({ service: "api", dependsOn: ["db", "cache"] }),
    buildRecord({ service: "web", dependsOn: ["api"] }),
  ], 1);
  const ctx = await memory.context("api", "prod");
  deepEqual(ctx.dependencies.map((d) => [d.service, d.lastStatus]), [["cache", undefined], [
    "db",
    "failed",
  ]]);
  deepEqual(ctx.dependents.map((d) => d.service), ["web"]);
  equal(ctx.recommendedStrategy, "canary");
  ok(ctx.reasons.some((r) => r.includes(`dependency "db" failed`)));
});

Deno.test("a dependency's infrastructure fault or refusal does not make it failed", async () => {
  const forbidden = { code: "KUBE_FORBIDDEN", message: "no" };
  const { memory } = await memoryWith([
    buildRecord({ service: "db" }),
    buildRecord({ service: "db", status: "failed", error: forbidden }),
    buildRecord({
      service: "db",
      status: "refused",
      error: { code: "KUBE_CONFLICT", message: "x" },
    }),
    buildRecord({ service: "api", dependsOn: ["db"] }),
  ], 1);
  const ctx = await memory.context("api", "prod");
  deepEqual(ctx.dependencies.map((d) => [d.service, d.lastStatus]), [["db", "completed"]]);
  equal(ctx.recommendedStrategy, "direct");
});

Deno.test("context() adds a recommendation for a strong, repeated pattern", async () => {
  const fails = Array.from({ length: 6 }, () => failedRecord("CrashLoopBackOff"));
  const { memory } = await memoryWith(fails, 0);
  const ctx = await memory.context("api", "prod");
  deepEqual(ctx.recommendations, [
    "High failure rate (0.75) for CrashLoopBackOff — seen 6 times. Deploy with caution.",
  ]);
});

Deno.test("context() learns no pattern from repeated refusals or infrastructure faults", async () => {
  const forbidden = { code: "KUBE_FORBIDDEN", message: "no" };
  const records = [
    ...Array.from({ length: 3 }, () => failedRecord("Forbidden", { error: forbidden })),
    ...Array.from(
      { length: 3 },
      () => failedRecord("Forbidden", { status: "refused", error: forbidden }),
    ),
    failedRecord("Unreachable", {
      error: { code: "KUBE_UNREACHABLE", message: "connection refused" },
    }),
  ];
  const { memory } = await memoryWith(records, 0);
  const ctx = await memory.context("api", "prod");
  deepEqual(ctx.failurePatterns, []);
  deepEqual(ctx.recommendations, []);
  equal(ctx.recommendedStrategy, "direct");
  equal(ctx.dora.changeFailureRate, null, "no change outcome to count");
});

Deno.test("context() computes the DORA figures of the last 30 days", async (t) => {
  const day = 24;
  const records = [
    buildRecord({ finishedAt: hoursAfter(-40 * day) }),
    buildRecord({ finishedAt: hoursAfter(1) }),
    failedRecord("Timeout", { finishedAt: hoursAfter(2) }),
    failedRecord("Timeout", { finishedAt: hoursAfter(3) }),
    buildRecord({ finishedAt: hoursAfter(6) }),
    buildRecord({ finishedAt: hoursAfter(7), status: "rolledback", rollbackOf: "01X" }),
    failedRecord("ProgressDeadlineExceeded", { finishedAt: hoursAfter(8), status: "rolledback" }),
    buildRecord({ finishedAt: hoursAfter(9) }),
  ];
  const { memory } = await memoryWith(records, 10);
  const { dora } = await memory.context("api", "prod");
  await t.step("deploy count and frequency: completed deploys and clean rollbacks per day", () => {
    equal(dora.deploys, 7);
    equal(dora.deploymentFrequency, 0.133);
  });
  await t.step(
    "change failure rate counts failed deploys and rollbacks after a failure, not clean rollbacks",
    () => equal(dora.changeFailureRate, 0.429),
  );
  await t.step("recovery time is the mean time from a streak's first failure to its end", () => {
    equal(dora.failedDeploymentRecoveryTimeMs, (4 + 1) / 2 * 3_600_000);
  });
  await t.step("rework rate counts deploys while a failure is open and rollbacks", () => {
    equal(dora.deploymentReworkRate, 0.714);
  });
});
