import { equal } from "node:assert/strict";
import { sign } from "@octokit/webhooks-methods";
import { createWatchApp, type GitPort } from "../../src/gitops/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { type WatchHarness, watchHarness } from "./_watch_harness.ts";

const SECRET = "webhook-secret";

/** A git port whose first `head` waits until `open()`; `entered` settles once it is waiting. */
function gatedGit() {
  const entered = Promise.withResolvers<void>();
  const gate = Promise.withResolvers<void>();
  let first = true;
  const wrap = (git: GitPort): GitPort => ({
    files: (location, commit, path) => git.files(location, commit, path),
    async head(location) {
      if (first) {
        first = false;
        entered.resolve();
        await gate.promise;
      }
      return await git.head(location);
    },
  });
  return { wrap, entered: entered.promise, open: () => gate.resolve() };
}

async function push(w: WatchHarness, commit: string): Promise<number> {
  const app = createWatchApp(w.watcher, { webhookSecret: SECRET, log: w.log });
  const body = JSON.stringify({ ref: "refs/heads/main", after: commit });
  const res = await app.fetch(
    new Request("http://nopea.test/webhook/web", {
      method: "POST",
      headers: { "x-github-event": "push", "x-hub-signature-256": await sign(SECRET, body) },
      body,
    }),
  );
  await res.body?.cancel();
  await app.idle();
  return res.status;
}

const cases = [
  { name: "a push arrives while a poll reads the branch", first: "poll" },
  { name: "a poll comes while a push's sync reads the branch", first: "webhook" },
] as const;

Deno.test("a poll and a push that find the same new commit deploy it once, recorded as webhook", async (t) => {
  for (const c of cases) {
    await t.step(c.name, async () => {
      const git = gatedGit();
      await using w = await watchHarness(undefined, { git: git.wrap });
      const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
      const first = c.first === "poll" ? w.watcher.tick() : push(w, commit);
      await git.entered;
      const second = c.first === "poll" ? push(w, commit) : w.watcher.tick();
      git.open();
      const [a, b] = await Promise.all([first, second]);
      equal(c.first === "poll" ? b : a, 202);
      const history = await w.harness.engine.history({ service: "web" });
      equal(history.length, 1, "deployed once");
      equal(history[0]?.trigger, "webhook");
      equal(history[0]?.source?.commit, commit);
      equal(w.watcher.statuses()[0]?.lastSyncedCommit, commit);
    });
  }
});

Deno.test("a manual sync joining a poll in flight is recorded as manual", async () => {
  const git = gatedGit();
  await using w = await watchHarness(undefined, { git: git.wrap });
  const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const poll = w.watcher.tick();
  await git.entered;
  const manual = w.watcher.sync("web", "manual");
  git.open();
  await Promise.all([poll, manual]);
  const history = await w.harness.engine.history({ service: "web" });
  equal(history.length, 1);
  equal(history[0]?.trigger, "manual");
  equal(history[0]?.source?.commit, commit);
});

Deno.test("a push's sync joined by the loop's poll stops with the loop: no deploy begins after the stop", async () => {
  const git = gatedGit();
  await using w = await watchHarness(undefined, { git: git.wrap });
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const pushed = w.watcher.sync("web", "webhook");
  await git.entered;
  const stop = new AbortController();
  const poll = w.watcher.tick(stop.signal);
  stop.abort();
  git.open();
  equal((await pushed).kind, "stopped");
  equal((await poll).get("web")?.kind, "stopped");
  equal((await w.harness.engine.history({ service: "web" })).length, 0);
});
