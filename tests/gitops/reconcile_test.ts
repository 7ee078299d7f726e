import { deepEqual, equal, ok } from "node:assert/strict";
import { configMapYaml } from "../_apps.ts";
import { INTERVAL_MS, type WatchHarness, watchHarness, webSource } from "./_watch_harness.ts";
import type { WatchSource } from "../../src/gitops/mod.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };

async function synced(extra: Partial<WatchSource> = {}): Promise<WatchHarness> {
  const w = await watchHarness((repo) => [webSource(repo, extra)]);
  await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config") });
  equal((await w.watcher.tick()).get("web")?.kind, "deployed");
  return w;
}

const drifted = (w: WatchHarness) =>
  w.watcher.statuses()[0]?.conditions.find((c) => c.type === "Drifted");

async function editByHand(w: WatchHarness, annotations?: Record<string, string>) {
  await w.harness.h.cluster.patch(CM, {
    ...(annotations ? { metadata: { annotations } } : {}),
    data: { a: "edited" },
  }, { fieldManager: "kubectl-edit" });
}

const liveData = async (w: WatchHarness) => (await w.harness.h.cluster.get(CM))?.["data"];

Deno.test("a manual change is healed at the next interval under policy auto", async () => {
  await using w = await synced();
  await editByHand(w);
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
  deepEqual(await liveData(w), { a: "1" });
  equal(drifted(w)?.reason, "Healed");
  ok(drifted(w)?.message.includes("ConfigMap/default/web-config"), String(drifted(w)?.message));
});

Deno.test("a manual change is healed only once the grace period has passed", async () => {
  await using w = await synced({ healGraceMs: 5 * INTERVAL_MS });
  await editByHand(w);
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
  deepEqual(await liveData(w), { a: "edited" }, "young drift is left alone");
  equal(drifted(w)?.reason, "DriftDetected");
  w.harness.h.advance(5 * INTERVAL_MS);
  await w.watcher.tick();
  deepEqual(await liveData(w), { a: "1" });
  equal(drifted(w)?.reason, "Healed");
});

Deno.test("a manual change is reported, not healed, under policy manual", async () => {
  await using w = await synced({ healPolicy: "manual" });
  await editByHand(w);
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
  deepEqual(await liveData(w), { a: "edited" });
  equal(drifted(w)?.status, "True");
  equal(drifted(w)?.reason, "DriftDetected");
  ok(w.log.records.some((r) => r.level === "warn" && r.message.includes("drifted")));
});

Deno.test("an object annotated nopea.io/suspend-heal is skipped under policy auto", async () => {
  await using w = await synced();
  await editByHand(w, { "nopea.io/suspend-heal": "true" });
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
  deepEqual(await liveData(w), { a: "edited" });
  ok(drifted(w)?.message.includes("suspend-heal"), String(drifted(w)?.message));
});

Deno.test("a suspended source neither syncs nor heals until resumed", async () => {
  await using w = await synced();
  w.watcher.suspend("web", true);
  await editByHand(w);
  const next = await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config", 'a: "2"') });
  w.harness.h.advance(INTERVAL_MS);
  equal((await w.watcher.tick()).get("web")?.kind, "suspended");
  deepEqual(await liveData(w), { a: "edited" });
  equal(w.watcher.statuses()[0]?.phase, "Suspended");
  w.watcher.suspend("web", false);
  const outcome = (await w.watcher.tick()).get("web");
  ok(outcome?.kind === "deployed");
  equal(outcome.commit, next);
  deepEqual(await liveData(w), { a: "2" });
});
