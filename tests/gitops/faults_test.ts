import { equal, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { watchHarness } from "./_watch_harness.ts";

Deno.test("API 5xx on every request fails the sync; the loop keeps going and deploys once the API is back", async () => {
  await using w = await watchHarness();
  const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  w.harness.h.sandbox.server.faults.add({ status: 503 });
  const down = (await w.watcher.tick()).get("web");
  ok(down?.kind === "failed", JSON.stringify(down));
  equal(w.watcher.statuses()[0]?.phase, "Failed");
  w.harness.h.sandbox.server.faults.clear();
  w.harness.h.clock.set(w.watcher.statuses()[0]!.nextPollAt);
  const up = (await w.watcher.tick()).get("web");
  ok(up?.kind === "deployed", JSON.stringify(up));
  equal(up.commit, commit);
  equal(w.watcher.statuses()[0]?.failures, 0);
});

Deno.test("throttling, 5xx and dropped connections never stop the loop, which ends synced", async () => {
  await using w = await watchHarness();
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  w.harness.h.sandbox.server.faults.add({ throttleRate: 0.2, errorRate: 0.2, dropRate: 0.1 });
  for (let i = 0; i < 10 && w.watcher.statuses()[0]?.phase !== "Synced"; i++) {
    w.harness.h.clock.set(w.watcher.statuses()[0]!.nextPollAt);
    await w.watcher.tick();
  }
  w.harness.h.sandbox.server.faults.clear();
  w.harness.h.clock.set(w.watcher.statuses()[0]!.nextPollAt);
  await w.watcher.tick();
  equal(w.watcher.statuses()[0]?.phase, "Synced");
  const stats = w.harness.h.sandbox.server.faults.stats();
  ok(stats.errors + stats.throttles + stats.drops > 0, "faults were injected");
});

Deno.test("a stop (SIGTERM) during a sync interrupts the deploy in flight and records it", async () => {
  const stop = new AbortController();
  await using w = await watchHarness(undefined, {
    // SIGTERM arrives once the deploy has begun.
    engine: (engine) => ({
      ...engine,
      deploy(spec, options) {
        const running = engine.deploy(spec, options);
        stop.abort();
        return running;
      },
    }),
  });
  const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const outcome = (await w.watcher.tick(stop.signal)).get("web");
  ok(outcome?.kind === "deployed", JSON.stringify(outcome));
  equal(outcome.result.error?.code, "DEPLOY_INTERRUPTED");
  const [record] = await w.harness.engine.history({ service: "web" });
  equal(record?.error?.code, "DEPLOY_INTERRUPTED");
  equal(record?.source?.commit, commit);
  w.harness.h.clock.set(w.watcher.statuses()[0]!.nextPollAt);
  equal((await w.watcher.tick()).get("web")?.kind, "deployed", "retried after the restart");
});

Deno.test("a stop (SIGTERM) before a sync's deploy began starts no deploy", async () => {
  await using w = await watchHarness();
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const stop = new AbortController();
  stop.abort();
  equal((await w.watcher.tick(stop.signal)).get("web")?.kind, "stopped");
  equal((await w.harness.engine.history({ service: "web" })).length, 0);
  equal((await w.watcher.tick()).get("web")?.kind, "deployed", "synced at the next start");
});
