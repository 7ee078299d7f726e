/**
 * kubectl conformance of the sandbox (issue "sandbox fidelity", items 4 and 5): `kubectl explain`
 * and warning-free client-side apply, and controllers that behave (rollout undo, adoption,
 * get all, events, nodes). Refusals are in `kubectl_refusals_test.ts`, protobuf and KULTA in
 * `kubectl_create_test.ts`, the same items through @kubernetes/client-node in
 * `conformance_client_node_test.ts`.
 */
import { equal, match, ok } from "node:assert/strict";
import { stringify } from "yaml";
import { startTestSandbox } from "../../_sandbox.ts";
import { hasKubectl, kubectlIn } from "./_kubectl_run.ts";

const KUBECTL = await hasKubectl();
const SKIP = KUBECTL ? "" : " (skipped: kubectl is not on PATH)";

/** A Deployment `web` running `image`, as YAML. */
function webDeployment(image: string): string {
  return stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image }] },
      },
    },
  });
}

const REVISION =
  "{range .items[*]}{.metadata.name}={.metadata.annotations.deployment\\.kubernetes" +
  "\\.io/revision}/{.spec.replicas} {end}";

Deno.test({
  name:
    `kubectl: explain, client-side apply, rollout undo, adoption, get all, events, nodes${SKIP}`,
  ignore: !KUBECTL,
  async fn(t) {
    const sandbox = await startTestSandbox({ controllers: { readyDelayMs: 0 } });
    const dir = await Deno.makeTempDir({ prefix: "nopea-conformance-" });
    await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
    const run = kubectlIn(dir);
    const kubectl = async (args: string[], stdin?: string) => {
      const result = await run(args, stdin);
      sandbox.tick();
      return result;
    };
    try {
      await t.step("explain answers with upstream descriptions", async () => {
        const spec = await kubectl(["explain", "deployment.spec"]);
        equal(spec.code, 0, spec.stderr);
        match(spec.stdout, /DeploymentSpec is the specification of the desired behavior/);
        const image = await kubectl(["explain", "deployment.spec.template.spec.containers.image"]);
        equal(image.code, 0, image.stderr);
        match(image.stdout, /FIELD: image <string>/);
        match(image.stdout, /Container image name/);
      });
      await t.step("client-side apply creates and configures without warnings", async () => {
        const created = await kubectl(["apply", "-f", "-"], webDeployment("nginx:1"));
        equal(created.code, 0, created.stderr);
        equal(created.stderr, "");
        const configured = await kubectl(["apply", "-f", "-"], webDeployment("nginx:2"));
        equal(configured.stdout.trim(), "deployment.apps/web configured");
        equal(configured.stderr, "");
      });
      await t.step("rollout undo returns to the previous ReplicaSet", async () => {
        const before = (await kubectl(["get", "rs", "-o", `jsonpath=${REVISION}`])).stdout;
        const first = before.split(" ").find((entry) => entry.includes("=1/"))!.split("=")[0]!;
        const undo = await kubectl(["rollout", "undo", "deployment/web"]);
        equal(undo.code, 0, undo.stderr);
        const after = (await kubectl(["get", "rs", "-o", `jsonpath=${REVISION}`])).stdout.trim();
        equal(after.split(" ").length, 2, after); // no third ReplicaSet
        ok(after.includes(`${first}=3/2`), after);
        const history = await kubectl([
          "get",
          "rs",
          first,
          "-o",
          "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision-history}",
        ]);
        equal(history.stdout, "1");
      });
      await t.step("a ReplicaSet orphaned by --cascade=orphan is adopted", async () => {
        const del = await kubectl(["delete", "deployment", "web", "--cascade=orphan"]);
        equal(del.code, 0, del.stderr);
        const orphans = await kubectl([
          "get",
          "rs",
          "-o",
          "jsonpath={.items[*].metadata.ownerReferences}",
        ]);
        equal(orphans.stdout, "");
        await kubectl(["apply", "-f", "-"], webDeployment("nginx:1"));
        const owners = await kubectl([
          "get",
          "rs",
          "-o",
          "jsonpath={.items[*].metadata.ownerReferences[0].name}",
        ]);
        equal(owners.stdout, "web web");
      });
      await t.step("get all lists the workloads of the `all` category", async () => {
        const all = await kubectl(["get", "all"]);
        equal(all.code, 0, all.stderr);
        for (
          const kind of [
            "pod/web-",
            "service/kubernetes",
            "deployment.apps/web",
            "replicaset.apps/web-",
          ]
        ) {
          ok(all.stdout.includes(kind), `${kind} in\n${all.stdout}`);
        }
      });
      await t.step("events print kubectl's columns, Normal and Warning", async () => {
        await kubectl(["apply", "-f", "-"], webDeployment("nginx:broken").replaceAll("web", "bad"));
        const events = await kubectl(["get", "events"]);
        match(events.stdout, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
        match(
          events.stdout,
          /Normal\s+ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-\w+ from 0 to 2/,
        );
        match(events.stdout, /Normal\s+SuccessfulCreate\s+replicaset\/web-\w+\s+Created pod: web-/);
        match(events.stdout, /Warning\s+\w+\s+pod\/bad-/);
      });
      await t.step("get nodes -o wide prints the node columns", async () => {
        const nodes = await kubectl(["get", "nodes", "-o", "wide"]);
        match(
          nodes.stdout,
          /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME\n/,
        );
        match(
          nodes.stdout,
          /\nsandbox-node\s+Ready\s+\S+\s+\S+\s+v1\.32\.0\s+127\.0\.0\.1\s+<none>/,
        );
      });
    } finally {
      await sandbox.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
