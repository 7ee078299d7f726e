import { deepEqual, equal, ok } from "node:assert/strict";
import { sign } from "@octokit/webhooks-methods";
import { createHttpApp, type HostedWatch, PROBLEM_TYPE } from "../../src/http/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { type WatchHarness, watchHarness } from "../gitops/_watch_harness.ts";

const SECRET = "webhook-secret";
const KEY = "api-key";

/** The HTTP app hosting the harness's loop, with an API key, and the syncs webhooks started. */
function hostingApp(w: WatchHarness, alive = () => true) {
  const syncs: Promise<unknown>[] = [];
  const watch: HostedWatch = {
    watcher: w.watcher,
    webhookSecret: SECRET,
    alive,
    log: w.log,
    started: (sync) => syncs.push(sync),
  };
  const app = createHttpApp(w.harness.engine, { apiKey: KEY, watch });
  return { app, idle: () => Promise.all(syncs) };
}

async function githubPush(payload: unknown, secret = SECRET, path = "/webhook/web") {
  const body = JSON.stringify(payload);
  return new Request(`http://nopea.test${path}`, {
    method: "POST",
    headers: { "x-github-event": "push", "x-hub-signature-256": await sign(secret, body) },
    body,
  });
}

Deno.test("a signed push to a hosting server deploys without the API key, recorded as webhook", async () => {
  await using w = await watchHarness();
  const { app, idle } = hostingApp(w);
  const commit = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const res = await app.fetch(await githubPush({ ref: "refs/heads/main", after: commit }));
  equal(res.status, 202);
  deepEqual(await res.json(), { syncing: "web", commit });
  await idle();
  const [latest] = await w.harness.engine.history({ service: "web" });
  equal(latest?.trigger, "webhook");
  equal(latest?.source?.commit, commit);
  const api = await app.request("/api/services");
  equal(api.status, 401, "the rest of the API still needs the key");
  await api.body?.cancel();
});

Deno.test("webhook refusals are problem documents and trigger nothing", async (t) => {
  await using w = await watchHarness();
  const { app, idle } = hostingApp(w);
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const cases = [
    {
      name: "a bad signature is 401",
      request: () => githubPush({}, "wrong"),
      status: 401,
      says: "X-Hub-Signature-256",
    },
    {
      name: "an unknown source is 404",
      request: () => githubPush({}, SECRET, "/webhook/nope"),
      status: 404,
      says: 'No watched source "nope"',
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const res = await app.fetch(await c.request());
      equal(res.status, c.status);
      equal(res.headers.get("content-type"), PROBLEM_TYPE);
      ok((await res.json()).detail.includes(c.says));
    });
  }
  await t.step("a push to another branch is 202 and ignored", async () => {
    const res = await app.fetch(await githubPush({ ref: "refs/heads/feature" }));
    equal(res.status, 202);
    ok((await res.json()).ignored.includes('"feature"'));
  });
  await t.step("a body over 1 MiB is 413", async () => {
    const body = JSON.stringify({ ref: "refs/heads/main", pad: "x".repeat(1024 * 1024) });
    const res = await app.request("/webhook/web", { method: "POST", body });
    equal(res.status, 413);
    equal(res.headers.get("content-type"), PROBLEM_TYPE);
    await res.body?.cancel();
  });
  await t.step("GET on the webhook path is 405", async () => {
    const res = await app.request("/webhook/web");
    equal(res.status, 405);
    equal(res.headers.get("allow"), "POST");
    await res.body?.cancel();
  });
  await idle();
  equal((await w.harness.engine.history({ service: "web" })).length, 0);
});

Deno.test("a burst of pushes to a hosting server deploys once, the newest commit", async () => {
  await using w = await watchHarness();
  const { app, idle } = hostingApp(w);
  let newest = "";
  for (let i = 1; i <= 4; i++) {
    newest = await w.repo.commit({ "k8s/web.yaml": deploymentYaml(`v${i}`) });
  }
  const pushes = [];
  for (let i = 0; i < 4; i++) pushes.push(app.fetch(await githubPush({ ref: "refs/heads/main" })));
  for (const res of await Promise.all(pushes)) equal(res.status, 202);
  await idle();
  const history = await w.harness.engine.history({ service: "web" });
  equal(history.length, 1);
  equal(history[0]?.source?.commit, newest);
});

Deno.test("/ready waits for the loop's first pass, /health fails once it stopped, /metrics has its series", async () => {
  await using w = await watchHarness();
  let alive = true;
  const { app } = hostingApp(w, () => alive);
  const early = await app.request("/ready");
  equal(early.status, 503);
  ok((await early.json()).detail.includes("first pass"));
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  await w.watcher.tick();
  const ready = await app.request("/ready");
  equal(ready.status, 200);
  deepEqual(await ready.json(), { ready: true, sources: [{ name: "web", phase: "Synced" }] });
  const metrics = await (await app.request("/metrics")).text();
  ok(metrics.includes('nopea_gitops_source_phase{source="web",phase="Synced"} 1'), metrics);
  ok(metrics.includes("nopea_http_requests_total"), metrics);
  equal((await app.request("/health")).status, 200);
  alive = false;
  const stopped = await app.request("/health");
  equal(stopped.status, 503);
  ok((await stopped.json()).detail.includes("GitOps loop stopped"));
  const late = await app.fetch(await githubPush({ ref: "refs/heads/main" }));
  equal(late.status, 503, "a stopping loop starts no sync");
  await late.body?.cancel();
});

Deno.test("a server without a loop answers /webhook/* with a 404 saying to start it with --watch", async () => {
  await using w = await watchHarness();
  const app = createHttpApp(w.harness.engine, { apiKey: KEY });
  const res = await app.fetch(await githubPush({ ref: "refs/heads/main" }));
  equal(res.status, 404);
  equal(res.headers.get("content-type"), PROBLEM_TYPE);
  const body = await res.json();
  ok(body.detail.includes("No GitOps loop"), body.detail);
  ok(body.hint.includes("--watch"), body.hint);
});
