import { equal, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { INTERVAL_MS, watchHarness, webSource } from "./_watch_harness.ts";

Deno.test("a new commit is deployed at the next poll, the record carrying trigger and commits", async () => {
  await using w = await watchHarness();
  const first = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const one = (await w.watcher.tick()).get("web");
  equal(one?.kind, "deployed");
  const second = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v2") });
  equal((await w.watcher.tick()).size, 0, "nothing is due before the interval");
  w.harness.h.advance(INTERVAL_MS);
  const two = (await w.watcher.tick()).get("web");
  ok(two?.kind === "deployed");
  equal(two.result.status, "completed");
  const [latest, earlier] = await w.harness.engine.history({ service: "web" });
  equal(latest?.trigger, "poll");
  equal(latest?.source?.commit, second);
  equal(latest?.source?.previous, first);
  equal(earlier?.source?.commit, first);
  equal(earlier?.source?.previous, undefined);
  const status = w.watcher.statuses()[0];
  equal(status?.phase, "Synced");
  equal(status?.lastSyncedCommit, second);
});

Deno.test("a commit already deployed is not deployed again", async () => {
  await using w = await watchHarness();
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  await w.watcher.tick();
  w.harness.h.advance(INTERVAL_MS);
  equal((await w.watcher.tick()).get("web")?.kind, "unchanged");
  equal((await w.harness.engine.history({ service: "web" })).length, 1);
});

Deno.test("a restarted watcher finds the synced commit in memory and does not redeploy it", async () => {
  await using w = await watchHarness();
  const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  await w.watcher.tick();
  const { createWatcher, isomorphicGit } = await import("../../src/gitops/mod.ts");
  const again = createWatcher({
    engine: w.harness.engine,
    git: isomorphicGit({ cacheDir: w.repo.dir }),
    clock: w.harness.h.clock,
    log: w.log,
    sleep: w.harness.h.sleep,
  }, [webSource(w.repo)]);
  const outcome = (await again.tick()).get("web");
  equal(outcome?.kind, "unchanged");
  equal(again.statuses()[0]?.lastSyncedCommit, commit);
});

Deno.test("a commit whose manifests fail validation applies nothing and names source, commit and file", async () => {
  await using w = await watchHarness();
  const bad = "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n";
  const commit = await w.repo.commit({
    "k8s/a-config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good}\n",
    "k8s/b-broken.yaml": bad,
  });
  const outcome = (await w.watcher.tick()).get("web");
  ok(outcome?.kind === "failed");
  equal(outcome.reason, "ManifestsInvalid");
  ok(outcome.message.includes(`Source "web" commit ${commit.slice(0, 7)}`), outcome.message);
  ok(outcome.message.includes("k8s/b-broken.yaml"), outcome.message);
  const good = await w.harness.h.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "good",
  });
  equal(good, undefined);
  const ready = w.watcher.statuses()[0]?.conditions.find((c) => c.type === "Ready");
  equal(ready?.status, "False");
  equal(ready?.reason, "ManifestsInvalid");
  ok(w.log.records.some((r) => r.level === "error" && r.message.includes("k8s/b-broken.yaml")));
});

Deno.test("a path missing from the commit fails the sync with GitFailed naming the path", async () => {
  await using w = await watchHarness();
  await w.repo.commit({ "deploy/web.yaml": deploymentYaml("v1") });
  const outcome = (await w.watcher.tick()).get("web");
  ok(outcome?.kind === "failed");
  equal(outcome.reason, "GitFailed");
  ok(outcome.message.includes('"k8s"'), outcome.message);
});

Deno.test("rollback --to a commit re-applies the deploy of that commit", async () => {
  await using w = await watchHarness();
  const first = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  await w.watcher.tick();
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v2") });
  w.harness.h.advance(INTERVAL_MS);
  await w.watcher.tick();
  const [, firstDeploy] = await w.harness.engine.history({ service: "web" });
  const result = await w.harness.engine.rollback({ service: "web", to: first.slice(0, 8) });
  equal(result.status, "rolledback");
  equal(result.rollbackOf, firstDeploy?.deployId);
});
