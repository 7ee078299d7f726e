/** kubectl end to end against the HTTPS door in front of the real SandboxCore. */
import { equal, match, ok } from "node:assert/strict";
import { parse } from "yaml";
import { systemClock } from "../../../src/shared/mod.ts";
import { SandboxCore } from "../../../src/sandbox/core/mod.ts";
import { startHarness } from "./_harness.ts";

const BOUTIQUE = new URL("../../fixtures/real-world/online-boutique.yaml", import.meta.url)
  .pathname;

async function hasKubectl(): Promise<boolean> {
  try {
    return (await new Deno.Command("kubectl", {
      args: ["version", "--client"],
      stdout: "null",
      stderr: "null",
    }).output())
      .success;
  } catch {
    return false;
  }
}

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectlIn(dir: string): (...args: string[]) => Promise<Run> {
  return async (...args) => {
    const out = await new Deno.Command("kubectl", {
      args: ["--kubeconfig", `${dir}/kubeconfig`, "--cache-dir", `${dir}/cache`, ...args],
      stdout: "piped",
      stderr: "piped",
      env: { HOME: dir },
    }).output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  };
}

const FRONTEND = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  replicas: REPLICAS
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
      - name: server
        image: other:1
`;

Deno.test({
  name: `kubectl applies, reads, diffs and deletes against the sandbox${SKIP}`,
  ignore: !KUBECTL,
  async fn(t) {
    await using h = await startHarness({ api: new SandboxCore({ clock: systemClock }) });
    const dir = await Deno.makeTempDir({ prefix: "nopea-kubectl-" });
    await Deno.writeTextFile(`${dir}/kubeconfig`, h.server.kubeconfig());
    await Deno.writeTextFile(
      `${dir}/ns.yaml`,
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
    );
    const kubectl = kubectlIn(dir);
    try {
      await t.step("apply --server-side creates the namespace and online-boutique", async () => {
        equal((await kubectl("apply", "--server-side", "-f", `${dir}/ns.yaml`)).code, 0);
        const run = await kubectl("apply", "--server-side", "-f", BOUTIQUE, "-n", "shop");
        equal(run.code, 0, run.stderr);
        match(run.stdout, /deployment\.apps\/frontend serverside-applied/);
        match(run.stdout, /service\/frontend-external serverside-applied/);
      });
      await t.step("get deploy prints kubectl's columns", async () => {
        const run = await kubectl("get", "deploy", "-n", "shop");
        equal(run.code, 0, run.stderr);
        match(run.stdout, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n/);
        match(run.stdout, /\nfrontend\s+\d+\/1\s+\d+\s+\d+\s+\d+s\n/);
      });
      await t.step("get -o yaml --show-managed-fields shows the apply manager", async () => {
        const run = await kubectl(
          "get",
          "deploy",
          "frontend",
          "-n",
          "shop",
          "-o",
          "yaml",
          "--show-managed-fields",
        );
        equal(run.code, 0, run.stderr);
        const obj = parse(run.stdout);
        equal(obj.metadata.name, "frontend");
        equal(obj.metadata.managedFields[0].manager, "kubectl");
        equal(obj.metadata.managedFields[0].operation, "Apply");
      });
      await Deno.writeTextFile(`${dir}/frontend.yaml`, FRONTEND.replace("REPLICAS", "5"));
      await t.step("a conflicting apply fails with kubectl's conflict text", async () => {
        const run = await kubectl(
          "apply",
          "--server-side",
          "--field-manager",
          "other",
          "-f",
          `${dir}/frontend.yaml`,
          "-n",
          "shop",
        );
        equal(run.code, 1);
        match(run.stderr, /Apply failed with \d+ conflicts?: conflicts? with "kubectl"/);
        match(run.stderr, /\.spec\.template\.spec\.containers\[name="server"\]\.image/);
        match(run.stderr, /--force-conflicts/);
      });
      await t.step("--force-conflicts takes the fields over", async () => {
        const run = await kubectl(
          "apply",
          "--server-side",
          "--field-manager",
          "other",
          "--force-conflicts",
          "-f",
          `${dir}/frontend.yaml`,
          "-n",
          "shop",
        );
        equal(run.code, 0, run.stderr);
        const image = await kubectl(
          "get",
          "deploy",
          "frontend",
          "-n",
          "shop",
          "-o",
          "jsonpath={.spec.template.spec.containers[0].image}",
        );
        equal(image.stdout, "other:1");
      });
      await t.step("diff --server-side shows the dry-run change without storing it", async () => {
        await Deno.writeTextFile(`${dir}/frontend.yaml`, FRONTEND.replace("REPLICAS", "6"));
        const run = await kubectl(
          "diff",
          "--server-side",
          "--field-manager",
          "other",
          "-f",
          `${dir}/frontend.yaml`,
          "-n",
          "shop",
        );
        equal(run.code, 1, run.stderr); // 1 = differences found
        match(run.stdout, /-\s+replicas: 5\n\+\s+replicas: 6/);
        const replicas = await kubectl(
          "get",
          "deploy",
          "frontend",
          "-n",
          "shop",
          "-o",
          "jsonpath={.spec.replicas}",
        );
        equal(replicas.stdout, "5");
      });
      await t.step("delete removes the deployment", async () => {
        const run = await kubectl("delete", "deploy", "frontend", "-n", "shop");
        equal(run.code, 0, run.stderr);
        match(run.stdout, /deployment\.apps "frontend" deleted/);
        const gone = await kubectl("get", "deploy", "frontend", "-n", "shop");
        equal(gone.code, 1);
        ok(gone.stderr.includes('deployments.apps "frontend" not found'), gone.stderr);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
