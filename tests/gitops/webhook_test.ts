import { deepEqual, equal, ok } from "node:assert/strict";
import { sign } from "@octokit/webhooks-methods";
import { createWatchApp } from "../../src/gitops/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { type WatchHarness, watchHarness } from "./_watch_harness.ts";

const SECRET = "webhook-secret";

async function githubPush(path: string, payload: unknown, secret = SECRET): Promise<Request> {
  const body = JSON.stringify(payload);
  return new Request(`http://nopea.test${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-hub-signature-256": await sign(secret, body),
    },
    body,
  });
}

function appOf(w: WatchHarness) {
  return createWatchApp(w.watcher, { webhookSecret: SECRET, log: w.log });
}

Deno.test("a GitHub push with a valid signature deploys the pushed commit", async () => {
  await using w = await watchHarness();
  const app = appOf(w);
  const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const res = await app.fetch(
    await githubPush("/webhook/web", { ref: "refs/heads/main", after: commit }),
  );
  equal(res.status, 202);
  deepEqual(await res.json(), { syncing: "web", commit });
  await app.idle();
  const [latest] = await w.harness.engine.history({ service: "web" });
  equal(latest?.trigger, "webhook");
  equal(latest?.source?.commit, commit);
});

Deno.test("a bad signature is 401 and triggers nothing", async () => {
  await using w = await watchHarness();
  const app = appOf(w);
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const res = await app.fetch(
    await githubPush("/webhook/web", { ref: "refs/heads/main" }, "wrong"),
  );
  equal(res.status, 401);
  ok((await res.json()).error.includes("X-Hub-Signature-256"));
  await app.idle();
  equal((await w.harness.engine.history({ service: "web" })).length, 0);
});

Deno.test("a GitLab push with the right token deploys; a wrong token is 401", async () => {
  await using w = await watchHarness();
  const app = appOf(w);
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const gitlab = (token: string) =>
    new Request("http://nopea.test/webhook/web", {
      method: "POST",
      headers: { "x-gitlab-token": token, "x-gitlab-event": "Push Hook" },
      body: JSON.stringify({ ref: "refs/heads/main" }),
    });
  equal((await app.fetch(gitlab("nope"))).status, 401);
  equal((await app.fetch(gitlab(SECRET))).status, 202);
  await app.idle();
  equal((await w.harness.engine.history({ service: "web" }))[0]?.trigger, "webhook");
});

Deno.test("a push to another branch is ignored", async () => {
  await using w = await watchHarness();
  const app = appOf(w);
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const res = await app.fetch(await githubPush("/webhook/web", { ref: "refs/heads/feature" }));
  equal(res.status, 202);
  ok((await res.json()).ignored.includes('"feature"'));
  await app.idle();
  equal((await w.harness.engine.history({ service: "web" })).length, 0);
});

Deno.test("a burst of pushes deploys once, the newest commit", async () => {
  await using w = await watchHarness();
  const app = appOf(w);
  let newest = "";
  for (let i = 1; i <= 5; i++) {
    newest = await w.repo.commit({ "k8s/web.yaml": deploymentYaml(`v${i}`) });
  }
  const pushes = [];
  for (let i = 0; i < 5; i++) {
    pushes.push(app.fetch(await githubPush("/webhook/web", { ref: "refs/heads/main" })));
  }
  for (const res of await Promise.all(pushes)) equal(res.status, 202);
  await app.idle();
  const history = await w.harness.engine.history({ service: "web" });
  equal(history.length, 1);
  equal(history[0]?.source?.commit, newest);
});

Deno.test("an unknown source is 404; probes and metrics reflect the loop", async () => {
  await using w = await watchHarness();
  const app = appOf(w);
  equal((await app.fetch(await githubPush("/webhook/nope", {}))).status, 404);
  equal((await app.fetch(new Request("http://nopea.test/ready"))).status, 503);
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  await w.watcher.tick();
  equal((await app.fetch(new Request("http://nopea.test/ready"))).status, 200);
  equal((await app.fetch(new Request("http://nopea.test/health"))).status, 200);
  const metrics = await (await app.fetch(new Request("http://nopea.test/metrics"))).text();
  ok(metrics.includes('nopea_gitops_source_phase{source="web",phase="Synced"} 1'), metrics);
});
