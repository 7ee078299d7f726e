import { equal } from "node:assert/strict";
import { createWatcher, type GitPort } from "../../src/gitops/mod.ts";
import { memoryLogger } from "../../src/testing/mod.ts";
import { kultaWorld, phaseOf, webApp } from "../progressive/_world.ts";

const NO_GIT: GitPort = {
  head: () => Promise.reject(new Error("no sources in this test")),
  files: () => Promise.reject(new Error("no sources in this test")),
};

Deno.test("a --no-wait canary started by another command is completed by the watch loop once KULTA finishes", async () => {
  await using w = await kultaWorld();
  const started = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:1.0"),
    strategy: "canary",
    wait: false,
  });
  equal(started.status, "progressing");
  const log = memoryLogger();
  const watcher = createWatcher(
    { engine: w.engine, git: NO_GIT, clock: w.h.clock, log, sleep: w.h.sleep },
    [],
  );
  await watcher.tick();
  equal((await w.engine.history({ service: "web" }))[0]?.status, "progressing", "still under way");
  for (let i = 0; i < 20 && phaseOf(await w.get("Rollout", "web")) !== "Completed"; i++) {
    w.h.advance(5_000);
  }
  equal(phaseOf(await w.get("Rollout", "web")), "Completed");
  await watcher.tick();
  const [record] = await w.engine.history({ service: "web" });
  equal(record?.deployId, started.deployId);
  equal(record?.status, "completed");
  equal(log.records.some((r) => r.message.includes(`deploy ${started.deployId} completed`)), true);
});
