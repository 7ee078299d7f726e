/** `nopea serve --watch`: the server hosts the GitOps loop, its webhooks and probes. */
import { equal, match, ok } from "node:assert/strict";
import { sign } from "@octokit/webhooks-methods";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";
import { createTestRepo } from "../gitops/_git_repo.ts";
import { watchingIo } from "../gitops/_watching_io.ts";

const KEY = "k3y";
const SECRET = "s3cret";

async function push(base: string, commit: string, secret: string): Promise<number> {
  const body = JSON.stringify({ ref: "refs/heads/main", after: commit });
  const res = await fetch(`${base}/webhook/web`, {
    method: "POST",
    headers: { "x-github-event": "push", "x-hub-signature-256": await sign(secret, body) },
    body,
  });
  await res.body?.cancel();
  return res.status;
}

/** `nopea serve --watch` of the `k8s` folder of `repo` as service `web`, on a free port. */
function serveWatchArgs(repo: string, kubeconfig: string): string[] {
  return ["serve", "--port", "0", "--watch", "--repo", repo, "--path", "k8s", "-s", "web"]
    .concat("--kubeconfig", kubeconfig);
}

Deno.test("nopea serve --watch deploys the branch, takes signed pushes without the API key, and stops cleanly", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  const first = await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const env = {
    NOPEA_MEMORY_DIR: `${world.dir}/.nopea`,
    NOPEA_API_KEY: KEY,
    NOPEA_WEBHOOK_SECRET: SECRET,
  };
  const w = watchingIo(env, world.dir);
  const running = runCli(serveWatchArgs(repo.dir, world.kubeconfig), w.io);
  await w.waitFor(`commit ${first.slice(0, 7)}: deploy`);
  const base = /listening on (http:\/\/\S+)/.exec(w.out())?.[1];
  ok(base, w.out());
  ok(w.out().includes("GitOps loop watching source web"), w.out());
  const ready = await fetch(`${base}/ready`);
  equal(ready.status, 200);
  equal((await ready.json()).sources[0].name, "web");
  const api = await fetch(`${base}/api/services`);
  equal(api.status, 401, "the API still needs its key");
  await api.body?.cancel();
  const second = await repo.commit({ "k8s/web.yaml": deploymentYaml("v2") });
  equal(await push(base, second, "wrong"), 401);
  equal(await push(base, second, SECRET), 202);
  await w.waitFor(`commit ${second.slice(0, 7)}: deploy`);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  ok(metrics.includes('nopea_gitops_source_phase{source="web",phase="Synced"} 1'), metrics);
  w.stop();
  equal(await running, 0, w.out());
  match(w.out(), /web: Synced at [0-9a-f]{7}[\s\S]*HTTP API stopped/);
  const history = await world.run(["history", "web"]);
  ok(history.io.out().split("\n")[0]?.includes(`webhook ${second.slice(0, 7)}`), history.io.out());
});

Deno.test("nopea serve --watch stopped during a deploy records it as interrupted, then closes", async () => {
  await using world = await cliWorld({ readyDelayMs: 600_000 });
  await using repo = await createTestRepo();
  await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const applied = Promise.withResolvers<void>();
  const watch = await world.sandbox.cluster.watch(
    "apps/v1",
    "Deployment",
    { namespace: "default" },
    () => applied.resolve(),
  );
  const w = watchingIo({ NOPEA_MEMORY_DIR: `${world.dir}/.nopea`, NOPEA_API_KEY: KEY }, world.dir);
  const running = runCli(serveWatchArgs(repo.dir, world.kubeconfig), w.io);
  await applied.promise;
  watch.stop();
  w.stop();
  equal(await running, 0, w.out());
  ok(w.out().includes("Stopping the GitOps loop"), w.out());
  const history = await world.run(["history", "web", "-o", "json"]);
  const [record] = JSON.parse(history.io.out()).deploys;
  equal(record?.error?.code, "DEPLOY_INTERRUPTED", history.io.out());
  equal(record?.trigger, "poll");
});

Deno.test("nopea serve refuses source flags without --watch, and --watch without a source, with exit 2", async (t) => {
  const cases = [
    {
      name: "--repo without --watch",
      args: ["--repo", "."],
      err: /Invalid --repo without --watch/,
    },
    { name: "--crds without --watch", args: ["--crds"], err: /Invalid --crds without --watch/ },
    { name: "--watch without a source", args: ["--watch"], err: /Missing --repo[\s\S]*--crds/ },
    {
      name: "--watch with a --notify-url that is not http(s)",
      args: ["--watch", "--repo", ".", "-s", "web", "--notify-url", "hooks"],
      err: /Invalid --notify-url "hooks": not an http\(s\) URL/,
    },
    {
      name: "--watch with a bad interval",
      args: ["--watch", "--repo", ".", "-s", "web", "--interval", "soon"],
      err: /soon/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const dir = await Deno.makeTempDir({ prefix: "nopea-serve-" });
      try {
        const io = bufferedIo({ env: { NOPEA_API_KEY: KEY }, cwd: dir });
        equal(await runCli(["serve", "--port", "0", ...c.args], io), 2);
        match(io.err(), c.err);
        ok(!io.err().includes("    at "), "no stack trace");
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  }
});
