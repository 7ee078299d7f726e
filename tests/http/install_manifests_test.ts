/** deploy/ installs `nopea serve` in a cluster: the manifests' promises, and a real deploy of them. */
import { deepEqual, equal, ok } from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { sign } from "@octokit/webhooks-methods";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { type CliWorld, cliWorld } from "../_cli.ts";
import { createTestRepo } from "../gitops/_git_repo.ts";
import { watchingIo } from "../gitops/_watching_io.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

const SERVER = new URL("../../deploy/nopea-server.yaml", import.meta.url);

async function serverObjects(): Promise<Obj[]> {
  return parseAllDocuments(await Deno.readTextFile(SERVER)).map((d) => d.toJS() as Obj);
}

Deno.test("the server Deployment runs as non-root, read-only, with probes, requests and a key Secret", async () => {
  const objects = await serverObjects();
  const deployment = objects.find((o) => o["kind"] === "Deployment");
  ok(deployment);
  const pod = deployment["spec"]["template"]["spec"];
  const container = pod["containers"][0];
  deepEqual(container["args"].slice(0, 3), ["serve", "--host", "0.0.0.0"]);
  equal(pod["securityContext"]["runAsNonRoot"], true);
  equal(container["securityContext"]["readOnlyRootFilesystem"], true);
  equal(container["securityContext"]["allowPrivilegeEscalation"], false);
  equal(container["livenessProbe"]["httpGet"]["path"], "/health");
  equal(container["readinessProbe"]["httpGet"]["path"], "/ready");
  ok(container["resources"]["requests"]["cpu"] && container["resources"]["requests"]["memory"]);
  const env = Object.fromEntries(container["env"].map((e: Obj) => [e["name"], e]));
  equal(env["NOPEA_API_KEY"]["valueFrom"]["secretKeyRef"]["name"], "nopea-api-key");
  equal(env["NOPEA_MEMORY_STORE"]["value"], "cluster");
  ok(objects.some((o) => o["kind"] === "Service"));
  ok(
    objects.some((o) =>
      o["kind"] === "ServiceAccount" && o["metadata"]["name"] === pod["serviceAccountName"]
    ),
  );
});

Deno.test("one container runs nopea serve --watch --crds, with flags serve has", async () => {
  const deployment = (await serverObjects()).find((o) => o["kind"] === "Deployment");
  const containers = deployment?.["spec"]["template"]["spec"]["containers"] as Obj[];
  deepEqual(containers.map((c) => c["args"][0]), ["serve"]);
  ok(containers[0]?.["args"].includes("--watch") && containers[0]["args"].includes("--crds"));
  for (const container of containers) {
    const [command = "", ...args] = container["args"] as string[];
    const io = bufferedIo();
    equal(await runCli([command, "--help"], io), 0);
    for (const flag of args.filter((a) => a.startsWith("--"))) {
      ok(io.out().includes(flag), `nopea ${command} has ${flag}`);
    }
    equal(container["securityContext"]["readOnlyRootFilesystem"], true, command);
    ok(container["readinessProbe"]["httpGet"]["path"] === "/ready", command);
  }
});

Deno.test("nopea deploy -f deploy/ installs the server into the sandbox; its command syncs a GitRepository and takes its webhooks", async () => {
  await using world = await cliWorld();
  const kubectl = { fieldManager: "kubectl" };
  await world.sandbox.cluster.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "nopea-system" } },
    kubectl,
  );
  await world.sandbox.cluster.apply({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "nopea-api-key", namespace: "nopea-system" },
    stringData: {
      "deploy-key": KEYS.deploy,
      "read-key": KEYS.read,
      "webhook-secret": KEYS.webhook,
    },
  }, kubectl);
  const deployDir = new URL("../../deploy/", import.meta.url).pathname;
  const { code, io } = await world.run([
    "deploy",
    "-s",
    "nopea",
    "-f",
    deployDir,
    "--adopt",
    "-o",
    "json",
  ]);
  equal(code, 0, io.err() + io.out());
  const result = JSON.parse(io.out());
  equal(result.status, "completed");
  const deployment = await world.sandbox.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "nopea-system",
    name: "nopea",
  });
  equal((deployment as Obj | undefined)?.["status"]?.["readyReplicas"], 1);
  await runInstalledCommand(
    world,
    (deployment as Obj)["spec"]["template"]["spec"]["containers"][0],
  );
});

const KEYS = { deploy: "d".repeat(64), read: "r".repeat(64), webhook: "w".repeat(32) };

/**
 * Runs the container's command in-process against the sandbox (on a free loopback port, with
 * the container's environment and the Secret's values): a GitRepository is synced, `/ready`
 * says so, a signed push needs no API key, and the stop is clean.
 */
async function runInstalledCommand(world: CliWorld, container: Obj): Promise<void> {
  await using repo = await createTestRepo();
  const first = await repo.commit({ "k8s/web.yaml": deploymentYaml("v1") });
  const secretOf: Record<string, string> = {
    "deploy-key": KEYS.deploy,
    "read-key": KEYS.read,
    "webhook-secret": KEYS.webhook,
  };
  const env: Record<string, string> = Object.fromEntries(
    (container["env"] as Obj[]).map((e) => [
      e["name"],
      e["value"] ?? secretOf[e["valueFrom"]["secretKeyRef"]["key"]],
    ]),
  );
  env["NOPEA_MEMORY_DIR"] = `${world.dir}/serve-memory`;
  const args = (container["args"] as string[]).flatMap((a, i, all) =>
    a === "--host" || a === "--port" || all[i - 1] === "--host" || all[i - 1] === "--port"
      ? []
      : [a]
  );
  const source =
    `apiVersion: nopea.false.systems/v1alpha1\nkind: GitRepository\nmetadata: {name: web, namespace: default}\nspec: {url: ${repo.dir}, path: k8s, interval: 1m}\n`;
  equal(
    (await world.run(["deploy", "-f", await world.write("web.yaml", source), "-s", "sources"]))
      .code,
    0,
  );
  const w = watchingIo(env, world.dir);
  const running = runCli([...args, "--port", "0", "--kubeconfig", world.kubeconfig], w.io);
  await w.waitFor(`commit ${first.slice(0, 7)}: deploy`);
  const base = /listening on (http:\/\/\S+)/.exec(w.out())?.[1];
  ok(base, w.out());
  const ready = await fetch(`${base}/ready`);
  equal(ready.status, 200, w.out());
  deepEqual((await ready.json()).sources, [{ name: "web", phase: "Synced" }]);
  const body = JSON.stringify({ ref: "refs/heads/main" });
  const push = await fetch(`${base}/webhook/web`, {
    method: "POST",
    headers: { "x-github-event": "push", "x-hub-signature-256": await sign(KEYS.webhook, body) },
    body,
  });
  equal(push.status, 202);
  await push.body?.cancel();
  w.stop();
  equal(await running, 0, w.out());
}
