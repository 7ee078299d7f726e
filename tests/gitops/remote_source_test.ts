import { deepEqual, equal, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { type GitHttpServer, serveGitHttp } from "./_git_http.ts";
import { INTERVAL_MS, watchHarness, webSource } from "./_watch_harness.ts";

Deno.test("a remote repository is fetched over HTTP and each new commit deployed", async () => {
  let server: GitHttpServer | undefined;
  await using w = await watchHarness((repo) => {
    server = serveGitHttp(repo.dir);
    return [webSource(repo, { repo: server.url })];
  });
  await using _server = server!;
  const first = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const one = (await w.watcher.tick()).get("web");
  ok(one?.kind === "deployed", JSON.stringify(one));
  equal(one.commit, first);
  const second = await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v2") });
  w.harness.h.advance(INTERVAL_MS);
  const two = (await w.watcher.tick()).get("web");
  ok(two?.kind === "deployed");
  equal(two.commit, second);
  const [latest] = await w.harness.engine.history({ service: "web" });
  equal(latest?.source?.repo, server!.url);
  ok(server!.requests > 0);
});

function deadRemote(): string {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${closed.addr.port}/gone.git`;
  closed.close();
  return url;
}

Deno.test("an unreachable remote fails its source while the other source deploys", async () => {
  const deadUrl = deadRemote();
  await using w = await watchHarness((repo) => [
    webSource(repo),
    webSource(repo, { name: "api", service: "api", repo: deadUrl }),
  ]);
  await w.repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const outcomes = await w.watcher.tick();
  equal(outcomes.get("web")?.kind, "deployed");
  const api = outcomes.get("api");
  ok(api?.kind === "failed");
  equal(api.reason, "GitFailed");
  ok(api.message.includes(deadUrl), api.message);
  equal(w.watcher.statuses().find((s) => s.name === "api")?.phase, "Failed");
});

Deno.test("an unreachable remote is retried with a growing delay", async () => {
  await using w = await watchHarness((repo) => [webSource(repo, { repo: deadRemote() })]);
  const status = () => w.watcher.statuses()[0]!;
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    w.harness.h.clock.set(status().nextPollAt);
    await w.watcher.tick();
    delays.push(status().nextPollAt - w.harness.h.clock.now());
  }
  deepEqual(delays.map((d) => d / INTERVAL_MS), [1, 2, 4, 8, 8]);
  equal(status().failures, 5);
});

Deno.test("credentials in a remote URL never appear in messages or records", async () => {
  await using w = await watchHarness((repo) => [
    webSource(repo, { repo: "http://user:s3cret@127.0.0.1:1/repo.git" }),
  ]);
  const outcome = (await w.watcher.tick()).get("web");
  ok(outcome?.kind === "failed");
  ok(!outcome.message.includes("s3cret"), outcome.message);
  ok(!JSON.stringify(w.log.records).includes("s3cret"));
});

Deno.test("two sources on one remote fetch into one cache, one at a time, and both deploy", async () => {
  let server: GitHttpServer | undefined;
  await using w = await watchHarness((repo) => {
    server = serveGitHttp(repo.dir);
    return [
      webSource(repo, { repo: server.url }),
      webSource(repo, { name: "api", service: "api", repo: server.url, path: "api" }),
    ];
  });
  await using _server = server!;
  await w.repo.commit({
    "k8s/web.yaml": deploymentYaml("v1"),
    "api/api.yaml": deploymentYaml("v1", { name: "api" }),
  });
  const outcomes = await w.watcher.tick();
  equal(outcomes.get("web")?.kind, "deployed");
  equal(outcomes.get("api")?.kind, "deployed");
});
