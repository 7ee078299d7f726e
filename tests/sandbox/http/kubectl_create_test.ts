/**
 * kubectl conformance of the sandbox (issue "sandbox fidelity", items 3 and 7): `kubectl create`
 * and `kubectl run` send protobuf for built-in kinds, which the sandbox reads; and
 * `nopea sandbox --with-kulta` serves KULTA's Rollout API from the start.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { startTestSandbox } from "../../_sandbox.ts";
import { hasKubectl, kubectlIn } from "./_kubectl_run.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";
const CLI = new URL("../../../cli.ts", import.meta.url).pathname;

Deno.test({
  name: `kubectl create and run work on built-in kinds (protobuf bodies)${SKIP}`,
  ignore: !KUBECTL,
  async fn(t) {
    const sandbox = await startTestSandbox({ controllers: { readyDelayMs: 0 } });
    const dir = await Deno.makeTempDir({ prefix: "nopea-create-" });
    await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
    const kubectl = kubectlIn(dir);
    const get = async (args: string[]) =>
      JSON.parse((await kubectl([...args, "-o", "json"])).stdout);
    try {
      await t.step("create namespace", async () => {
        const run = await kubectl(["create", "namespace", "shop"]);
        equal(run.stdout.trim(), "namespace/shop created", run.stderr);
        equal((await get(["get", "namespace", "shop"])).status.phase, "Active");
      });
      await t.step("create configmap keeps empty values", async () => {
        const run = await kubectl([
          "create",
          "configmap",
          "c",
          "--from-literal=a=1",
          "--from-literal=b=",
        ]);
        equal(run.code, 0, run.stderr);
        deepEqual((await get(["get", "cm", "c"])).data, { a: "1", b: "" });
      });
      await t.step("create deployment keeps replicas 0 and gets kube's defaults", async () => {
        const run = await kubectl([
          "create",
          "deployment",
          "d",
          "--image=nginx:1",
          "--replicas=0",
          "-n",
          "shop",
        ]);
        equal(run.stdout.trim(), "deployment.apps/d created", run.stderr);
        const spec = (await get(["get", "deploy", "d", "-n", "shop"])).spec;
        equal(spec.replicas, 0);
        equal(spec.strategy.type, "RollingUpdate");
        deepEqual(spec.template.spec.containers, [{
          name: "nginx",
          image: "nginx:1",
          imagePullPolicy: "IfNotPresent",
          resources: {},
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        }]);
      });
      await t.step("create role keeps the core group's empty name", async () => {
        const run = await kubectl(["create", "role", "r", "--verb=get", "--resource=pods"]);
        equal(run.code, 0, run.stderr);
        deepEqual((await get(["get", "role", "r"])).rules[0].apiGroups, [""]);
      });
      await t.step("create job: the job controller records its pod", async () => {
        equal((await kubectl(["create", "job", "j", "--image=busybox"])).code, 0);
        sandbox.tick();
        const events = await kubectl(["get", "events"]);
        match(events.stdout, /Normal\s+SuccessfulCreate\s+job\/j\s+Created pod: j-\w+/);
      });
      await t.step("run creates a pod", async () => {
        const run = await kubectl(["run", "nginx", "--image=nginx", "--labels=app=x"]);
        equal(run.stdout.trim(), "pod/nginx created", run.stderr);
        deepEqual((await get(["get", "pod", "nginx"])).metadata.labels, { app: "x" });
      });
    } finally {
      await sandbox.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: `nopea sandbox --with-kulta serves KULTA's Rollout API${SKIP}`,
  ignore: !KUBECTL,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "nopea-kulta-" });
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", CLI, "sandbox", "--with-kulta", "--kubeconfig-out", `${dir}/kubeconfig`],
      stdout: "piped",
      stderr: "null",
      env: { NO_COLOR: "1" },
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    try {
      let seen = "";
      while (!seen.includes("Press Ctrl-C")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`nopea sandbox ended early: ${seen}`);
        seen += value;
      }
      match(seen, /KULTA installed/);
      const run = await kubectlIn(dir)(["get", "rollouts.kulta.io"]);
      equal(run.code, 0, run.stderr);
      match(run.stderr, /No resources found in default namespace/);
    } finally {
      child.kill("SIGINT");
      await reader.cancel();
      await child.status;
      await Deno.remove(dir, { recursive: true });
    }
  },
});
