import { equal, ok } from "node:assert/strict";
import { sign } from "@octokit/webhooks-methods";
import { runCli } from "../../src/cli/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";
import { createTestRepo } from "./_git_repo.ts";
import { watchingIo } from "./_watching_io.ts";

Deno.test("nopea watch --port serves probes and a signed GitHub push deploys the pushed commit", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  const first = await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const env = { NOPEA_MEMORY_DIR: `${world.dir}/.nopea`, NOPEA_WEBHOOK_SECRET: "s3cret" };
  const w = watchingIo(env, world.dir);
  const args = ["watch", "--repo", repo.dir, "--path", "k8s", "-s", "web", "--port", "0"];
  const running = runCli([...args, "--kubeconfig", world.kubeconfig], w.io);
  await w.waitFor(`commit ${first.slice(0, 7)}: deploy`);
  const base = /Webhooks and probes on (http:\/\/\S+)/.exec(w.out())?.[1];
  ok(base, w.out());
  equal((await fetch(`${base}/ready`)).status, 200);
  equal((await (await fetch(`${base}/health`)).json()).status, "ok");
  const second = await repo.commit({ "k8s/web.yaml": deploymentYaml("v2") });
  const body = JSON.stringify({ ref: "refs/heads/main", after: second });
  const bad = await fetch(`${base}/webhook/web`, {
    method: "POST",
    headers: { "x-github-event": "push", "x-hub-signature-256": await sign("wrong", body) },
    body,
  });
  equal(bad.status, 401);
  await bad.body?.cancel();
  const res = await fetch(`${base}/webhook/web`, {
    method: "POST",
    headers: { "x-github-event": "push", "x-hub-signature-256": await sign("s3cret", body) },
    body,
  });
  equal(res.status, 202);
  await res.body?.cancel();
  await w.waitFor(`commit ${second.slice(0, 7)}: deploy`);
  w.stop();
  equal(await running, 0, w.out());
  const history = await world.run(["history", "web"]);
  ok(history.io.out().split("\n")[0]?.includes(`webhook ${second.slice(0, 7)}`), history.io.out());
});
