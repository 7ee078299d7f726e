import { equal, ok } from "node:assert/strict";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";
import { createTestRepo } from "./_git_repo.ts";
import { gitRepositoryKey } from "../../src/gitops/mod.ts";
import { kubeClusterFor } from "../_sandbox.ts";

Deno.test("nopea watch --once deploys the branch's commit and history shows trigger and commit", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  const commit = await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const { code, io } = await world.run([
    "watch",
    "--repo",
    repo.dir,
    "--path",
    "k8s/",
    "-s",
    "web",
    "--once",
  ]);
  equal(code, 0, io.err());
  ok(io.out().includes(`web: Synced at ${commit.slice(0, 7)}`), io.out());
  const history = await world.run(["history", "web"]);
  ok(history.io.out().includes(`poll ${commit.slice(0, 7)}`), history.io.out());
});

Deno.test("nopea watch --once with invalid manifests exits 1 naming the commit and file", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  const commit = await repo.commit({ "k8s/web.yaml": "kind: Deployment\n" });
  const { code, io } = await world.run([
    "watch",
    "--repo",
    repo.dir,
    "--path",
    "k8s",
    "-s",
    "web",
    "--once",
  ]);
  equal(code, 1);
  ok(io.out().includes("ManifestsInvalid"), io.out());
  ok(io.out().includes(commit.slice(0, 7)) && io.out().includes("k8s/web.yaml"), io.out());
  equal((await world.run(["history", "web"])).io.out(), "No deploys recorded\n");
});

Deno.test("nopea watch with a repository path that does not exist exits 2 saying so", async () => {
  await using world = await cliWorld();
  const { code, io } = await world.run(["watch", "--repo", "no/such/repo", "-s", "web", "--once"]);
  equal(code, 2);
  ok(io.err().includes('Invalid --repo "no/such/repo": no such folder'), io.err());
  ok(!io.err().includes("    at "), "no stack trace");
});

Deno.test("nopea watch refuses an ssh remote and a bad interval with exit 2", async () => {
  await using world = await cliWorld();
  const ssh = await world.run(["watch", "--repo", "git@github.com:org/app.git", "-s", "web"]);
  equal(ssh.code, 2);
  ok(ssh.io.err().includes("ssh is not supported"), ssh.io.err());
  await using repo = await createTestRepo();
  const bad = await world.run(["watch", "--repo", repo.dir, "-s", "web", "--interval", "soon"]);
  equal(bad.code, 2);
  ok(bad.io.err().includes("soon"), bad.io.err());
});

Deno.test("nopea watch stops on SIGTERM after the sync in flight and prints where sources stand", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const { code, io } = await world.run(
    ["watch", "--repo", repo.dir, "--path", "k8s", "-s", "web"],
    { interrupt: Promise.resolve() },
  );
  equal(code, 0, io.err());
  ok(io.out().startsWith("web: "), io.out());
});

Deno.test("nopea watch --crds --once syncs the GitRepository objects and writes their status", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  const commit = await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const crd = await Deno.readTextFile(
    new URL("../../deploy/crds/gitrepository.yaml", import.meta.url),
  );
  const crdFile = await world.write("crd.yaml", crd);
  equal((await world.run(["deploy", "-f", crdFile, "-s", "nopea-crds"])).code, 0);
  const gitRepository = await world.write(
    "web-repo.yaml",
    `apiVersion: nopea.false.systems/v1alpha1\nkind: GitRepository\nmetadata: {name: web, namespace: default}\nspec: {url: ${repo.dir}, path: k8s, interval: 1m}\n`,
  );
  equal((await world.run(["deploy", "-f", gitRepository, "-s", "sources"])).code, 0);
  const { code, io } = await world.run(["watch", "--crds", "-n", "default", "--once"]);
  equal(code, 0, io.err());
  ok(io.out().includes(`web: Synced at ${commit.slice(0, 7)}`), io.out());
  const live = await kubeClusterFor(world.sandbox).get(gitRepositoryKey("default", "web"));
  equal((live?.["status"] as { lastSyncedCommit?: string }).lastSyncedCommit, commit);
});

Deno.test("nopea watch without --repo or --crds exits 2 saying what to pass", async () => {
  await using world = await cliWorld();
  const { code, io } = await world.run(["watch", "-s", "web"]);
  equal(code, 2);
  ok(io.err().includes("Missing --repo"), io.err());
});

Deno.test("nopea watch refuses a --notify-url or NOPEA_NOTIFY_URL that is not http(s) with exit 2", async () => {
  await using world = await cliWorld();
  await using repo = await createTestRepo();
  const args = ["watch", "--repo", repo.dir, "-s", "web", "--once"];
  const flag = await world.run([...args, "--notify-url", "hooks.example"]);
  equal(flag.code, 2);
  ok(flag.io.err().includes('Invalid --notify-url "hooks.example"'), flag.io.err());
  const env = await world.run(args, { env: { NOPEA_NOTIFY_URL: "ftp://x" } });
  equal(env.code, 2);
  ok(env.io.err().includes('Invalid NOPEA_NOTIFY_URL "ftp://x"'), env.io.err());
});
