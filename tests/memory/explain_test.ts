import { deepEqual, equal } from "node:assert/strict";
import { fixedClock, seqIds } from "../../src/shared/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { formatDuration } from "../../src/memory/explain.ts";
import { buildRecord, failedRecord, hoursAfter } from "./_factory.ts";

Deno.test("explain() tells that an unknown service has no memory and why direct is fine", async () => {
  const memory = createMemory(new InMemoryMemoryStore(), { clock: fixedClock(), ids: seqIds() });
  const e = await memory.explain("ghost");
  equal(e.known, false);
  deepEqual(e.sentences, [
    `Nopea has no memory of "ghost" yet: no deploy of it has been recorded.`,
    `Recommended strategy: direct, because "ghost" has no deploy history, so nothing argues against a direct deploy.`,
  ]);
});

Deno.test("explain() renders history, patterns with advice, dependencies, DORA and the recommendation", async () => {
  const clock = fixedClock(hoursAfter(5));
  const memory = createMemory(new InMemoryMemoryStore(), { clock, ids: seqIds("01EXPL") });
  await memory.record(
    buildRecord({
      service: "db",
      status: "failed",
      finishedAt: hoursAfter(0),
      error: { code: "DEPLOY_FAILED", message: "pod db-0: CrashLoopBackOff" },
    }),
  );
  await memory.record(
    failedRecord("ImagePullBackOff", {
      finishedAt: hoursAfter(1),
      deployId: "01JAPI000000000000000000001",
      dependsOn: ["db"],
    }),
  );
  await memory.record(
    buildRecord({ service: "web", finishedAt: hoursAfter(2), dependsOn: ["api"] }),
  );
  const e = await memory.explain("api");
  deepEqual(e.sentences, [
    `"api" has 1 recorded deploy (0 completed, 1 failed, 0 rolled back, 0 in progress); the last one (01JAPI000000000000000000001) failed with ImagePullBackOff 4h ago in namespace "prod" with the direct strategy.`,
    `It failed with ImagePullBackOff once, last at ${
      hoursAfter(1)
    } (confidence 0.46): check the image name and tag, and that the registry credentials are valid.`,
    `It fails about 18% of its deploys: 1 of its last 1 failed, not counting deploys right after a failure (recent deploys weigh more; every service starts at 1 failure in 10).`,
    `It depends on "db" (last deploy failed).`,
    `Check "db" before deploying: its last deploy failed.`,
    `"web" depends on it: check it after this deploy.`,
    `Over the last 30 days: 1 deploys, deployment frequency 0 per day, change failure rate 100%, failed deployment recovery time not measurable yet, deployment rework rate 0%.`,
    `Recommended strategy: canary, because "api" failed with ImagePullBackOff before, in its last deploy; dependency "db" failed in its last deploy.`,
  ]);
  equal(e.recommendedStrategy, "canary");
  equal(e.reasons.length, 2);
});

Deno.test("formatDuration() renders durations in words", async (t) => {
  const cases: [number, string][] = [
    [400, "0s"],
    [45_000, "45s"],
    [12 * 60_000, "12m"],
    [3 * 3_600_000, "3h"],
    [3 * 3_600_000 + 5 * 60_000, "3h 5m"],
    [52 * 3_600_000, "2d 4h"],
    [48 * 3_600_000, "2d"],
  ];
  for (const [ms, text] of cases) await t.step(text, () => equal(formatDuration(ms), text));
});
