import { equal, ok, rejects } from "node:assert/strict";
import { parse } from "yaml";
import {
  createWatcher,
  GIT_REPOSITORY,
  gitRepositoryKey,
  isomorphicGit,
  sourceFromGitRepository,
  startRepositoryController,
  writeRepositoryStatus,
} from "../../src/gitops/mod.ts";
import type { WatchEvent } from "../../src/kube/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { memoryLogger } from "../../src/testing/mod.ts";
import { configMapYaml } from "../_apps.ts";
import { engineHarness } from "../_engine.ts";
import { createTestRepo } from "./_git_repo.ts";

const CRD = new URL("../../deploy/crds/gitrepository.yaml", import.meta.url);

function gitRepository(name: string, spec: Record<string, unknown>): KubeObject {
  return { ...GIT_REPOSITORY, metadata: { name, namespace: "default" }, spec };
}

async function world() {
  const harness = await engineHarness();
  await harness.h.cluster.apply(parse(await Deno.readTextFile(CRD)) as KubeObject);
  const repo = await createTestRepo();
  const cacheDir = await Deno.makeTempDir();
  const log = memoryLogger();
  const cluster = harness.h.cluster;
  const watcher = createWatcher({
    engine: harness.engine,
    git: isomorphicGit({ cacheDir }),
    clock: harness.h.clock,
    log,
    sleep: harness.h.sleep,
    onStatus: (status, source) => writeRepositoryStatus(cluster, status, source),
  }, []);
  const handled: WatchEvent[] = [];
  const waiters: (() => void)[] = [];
  const deps = {
    cluster,
    watcher,
    clock: harness.h.clock,
    log,
    onHandled: (event: WatchEvent) => {
      handled.push(event);
      waiters.splice(0).forEach((wake) => wake());
    },
  };
  /** Resolves once a watch event of `type` about `name` was brought in. */
  const eventFor = async (name: string, type: WatchEvent["type"] = "ADDED") => {
    while (!handled.some((e) => e.object.metadata.name === name && e.type === type)) {
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const status = async (name: string) =>
    (await cluster.get(gitRepositoryKey("default", name)))?.["status"] as Record<string, unknown>;
  return {
    harness,
    repo,
    watcher,
    log,
    deps,
    eventFor,
    status,
    async [Symbol.asyncDispose]() {
      await harness[Symbol.asyncDispose]();
      await repo[Symbol.asyncDispose]();
      await Deno.remove(cacheDir, { recursive: true });
    },
  };
}

Deno.test("a GitRepository is synced and its status says the commit, time, phase and condition", async () => {
  await using w = await world();
  const commit = await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config") });
  await w.harness.h.cluster.apply(
    gitRepository("web", { url: w.repo.dir, path: "k8s", interval: "1m" }),
  );
  const controller = await startRepositoryController(w.deps, { namespace: "default" });
  try {
    equal((await w.watcher.tick()).get("web")?.kind, "deployed");
    const status = await w.status("web");
    equal(status["phase"], "Synced");
    equal(status["lastSyncedCommit"], commit);
    ok(typeof status["lastSyncTime"] === "string");
    const [ready] = status["conditions"] as { type: string; status: string; reason: string }[];
    equal(ready?.type, "Ready");
    equal(ready?.status, "True");
    equal(ready?.reason, "Synced");
    const [latest] = await w.harness.engine.history({ service: "web" });
    equal(latest?.source?.name, "web");
  } finally {
    controller.stop();
  }
});

Deno.test("a GitRepository created later arrives through the watch API and is synced", async () => {
  await using w = await world();
  await w.repo.commit({ "k8s/config.yaml": configMapYaml("api-config") });
  const controller = await startRepositoryController(w.deps, { namespace: "default" });
  try {
    equal(w.watcher.statuses().length, 0);
    await w.harness.h.cluster.apply(gitRepository("api", { url: w.repo.dir, path: "k8s" }));
    await w.eventFor("api");
    equal(w.watcher.source("api")?.service, "api");
    equal((await w.watcher.tick()).get("api")?.kind, "deployed");
    await w.harness.h.cluster.delete(gitRepositoryKey("default", "api"));
    await w.eventFor("api", "DELETED");
    equal(w.watcher.source("api"), undefined);
  } finally {
    controller.stop();
  }
});

Deno.test("an invalid GitRepository gets Ready=False InvalidSpec naming the field, the others still sync", async () => {
  await using w = await world();
  await w.repo.commit({ "k8s/config.yaml": configMapYaml("web-config") });
  await w.harness.h.cluster.apply(gitRepository("web", { url: w.repo.dir, path: "k8s" }));
  await w.harness.h.cluster.apply(
    gitRepository("broken", { url: w.repo.dir, secretRef: { name: "missing" } }),
  );
  const controller = await startRepositoryController(w.deps, { namespace: "default" });
  try {
    const status = await w.status("broken");
    equal(status["phase"], "Failed");
    const [ready] = status["conditions"] as { reason: string; message: string }[];
    equal(ready?.reason, "InvalidSpec");
    ok(ready?.message.includes("GitRepository default/broken"), ready?.message);
    ok(ready?.message.includes('spec.secretRef "missing"'), ready?.message);
    equal((await w.watcher.tick()).get("web")?.kind, "deployed");
    equal(w.watcher.source("broken"), undefined);
  } finally {
    controller.stop();
  }
});

Deno.test("credentials come from the GitRepository's secretRef Secret", async () => {
  await using w = await world();
  await w.harness.h.cluster.apply({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "git-credentials", namespace: "default" },
    data: { token: btoa("t0ken"), webhookSecret: btoa("hook") },
  });
  await w.harness.h.cluster.apply(
    gitRepository("web", {
      url: "https://git.example/app.git",
      secretRef: { name: "git-credentials" },
    }),
  );
  const controller = await startRepositoryController(w.deps, { namespace: "default" });
  try {
    const source = w.watcher.source("web");
    equal(source?.auth?.token, "t0ken");
    equal(source?.webhookSecret, "hook");
    ok(!JSON.stringify(w.log.records).includes("t0ken"));
  } finally {
    controller.stop();
  }
});

Deno.test("spec.notifyUrl is the source's notify URL; one that is not http(s) is refused naming it", async () => {
  await using w = await world();
  const cluster = w.harness.h.cluster;
  const url = "https://hooks.example/nopea";
  const source = await sourceFromGitRepository(
    cluster,
    gitRepository("web", { url: w.repo.dir, healPolicy: "notify", notifyUrl: url }),
  );
  equal(source.notifyUrl, url);
  await rejects(
    sourceFromGitRepository(cluster, gitRepository("web", { url: w.repo.dir, notifyUrl: "x" })),
    (e) =>
      isNopeaError(e) && e.code === "SPEC_INVALID" &&
      e.message.includes('Invalid notifyUrl "x" in GitRepository default/web'),
  );
});
