/** deploy/ installs `nopea serve` in a cluster: the manifests' promises, and a real deploy of them. */
import { deepEqual, equal, ok } from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { bufferedIo, runCli } from "../../src/cli/mod.ts";
import { cliWorld } from "../_cli.ts";

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

Deno.test("every container runs a nopea command with flags that command has", async () => {
  const deployment = (await serverObjects()).find((o) => o["kind"] === "Deployment");
  const containers = deployment?.["spec"]["template"]["spec"]["containers"] as Obj[];
  deepEqual(containers.map((c) => c["args"][0]), ["serve", "watch"]);
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

Deno.test("nopea deploy -f deploy/ installs the server into the sandbox and it becomes ready", async () => {
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
    stringData: { "deploy-key": "d".repeat(64), "read-key": "r".repeat(64) },
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
});
