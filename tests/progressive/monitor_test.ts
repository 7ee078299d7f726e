import { deepEqual, equal } from "node:assert/strict";
import { monitorRollout, type RolloutView } from "../../src/progressive/mod.ts";
import type { TestDeps } from "../../src/testing/mod.ts";
import { canary, rollout, WEB, withRollout } from "./_rollouts.ts";

function follow(deps: TestDeps, more: { maxMs?: number; signal?: AbortSignal } = {}) {
  const slept: number[] = [];
  const seen: RolloutView[] = [];
  const outcome = monitorRollout(deps.cluster, WEB, {
    clock: deps.clock,
    sleep: (ms) => {
      slept.push(ms);
      return deps.sleep(ms);
    },
    pollMs: 10_000,
    maxMs: more.maxMs ?? 3_600_000,
    onChange: (view) => seen.push(view),
    ...(more.signal ? { signal: more.signal } : {}),
  });
  return { outcome, slept, seen };
}

Deno.test("monitorRollout() follows a canary step by step to Completed", async () => {
  await using deps = await withRollout(
    rollout(canary([{ setWeight: 10 }, { setWeight: 50 }, { setWeight: 100 }])),
  );
  const { outcome, slept, seen } = follow(deps);
  const end = await outcome;
  deepEqual([end.stop, end.elapsedMs], ["completed", 2000]);
  deepEqual(seen.map((v) => [v.phase, v.weight]), [["Progressing", 10], ["Progressing", 50], [
    "Completed",
    100,
  ]]);
  deepEqual(slept, [1000, 1000], "reads start over at 1 s after every change");
});

Deno.test("monitorRollout() stops where the Rollout waits, fails or vanishes", async (t) => {
  const cases = [
    {
      name: "pause: {}",
      strategy: canary([{ setWeight: 20, pause: {} }, { setWeight: 100 }]),
      image: "web:1",
      stop: "awaiting_promotion",
    },
    {
      name: "blue-green Preview",
      strategy: { blueGreen: { activeService: "web", previewService: "web-preview" } },
      image: "web:1",
      stop: "awaiting_promotion",
    },
    {
      name: "failed analysis",
      strategy: canary([{ setWeight: 20 }, { setWeight: 100 }], {
        analysis: { metrics: [{ name: "error-rate", threshold: 1 }] },
      }),
      image: "web:bad-canary",
      stop: "failed",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using deps = await withRollout(rollout(c.strategy, c.image));
      equal((await follow(deps).outcome).stop, c.stop);
    });
  }
  await t.step("missing", async () => {
    await using deps = await withRollout();
    deepEqual(await follow(deps).outcome, { stop: "missing", elapsedMs: 0 });
  });
});

Deno.test("monitorRollout() backs off to the poll interval and times out at its limit", async () => {
  await using deps = await withRollout(
    rollout(canary([{ setWeight: 10, pause: { duration: "1h" } }, { setWeight: 100 }])),
  );
  const { outcome, slept } = follow(deps, { maxMs: 60_000 });
  const end = await outcome;
  deepEqual([end.stop, end.elapsedMs, end.view?.weight], ["timeout", 60_000, 10]);
  deepEqual(slept, [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000, 5000]);
});

Deno.test("monitorRollout() ends when its signal is aborted", async () => {
  await using deps = await withRollout(
    rollout(canary([{ setWeight: 10, pause: { duration: "1h" } }, { setWeight: 100 }])),
  );
  const controller = new AbortController();
  controller.abort();
  const end = await follow(deps, { signal: controller.signal }).outcome;
  deepEqual([end.stop, end.view?.phase], ["aborted", "Progressing"]);
});
