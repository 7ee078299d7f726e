/** `nopea status`: KULTA's phase for a canary, pod-level reasons, -n, and its exit code. */
import { equal, match } from "node:assert/strict";
import { KULTA_CRD } from "../../src/progressive/mod.ts";
import { deploymentYaml } from "../_apps.ts";
import { cliWorld } from "../_cli.ts";

const WEB = (tag: string) => deploymentYaml(tag, { replicas: 2 });

Deno.test("status of a canary waiting at 25% says progressing, and exits 1", async () => {
  await using world = await cliWorld();
  await world.sandbox.cluster.apply(KULTA_CRD, { fieldManager: "test" });
  const v1 = await world.write("v1.yaml", WEB("1.0"));
  equal((await world.run(["deploy", "-f", v1, "-s", "web"])).code, 0);
  const v2 = await world.write("v2.yaml", WEB("2.0"));
  const canary = await world.run([
    "deploy",
    "-f",
    v2,
    "-s",
    "web",
    "--strategy",
    "canary",
    "--steps",
    "25:pause,100",
  ]);
  equal(canary.code, 0, canary.io.out() + canary.io.err());
  const status = await world.run(["status", "web"]);
  equal(status.code, 1, status.io.out());
  match(status.io.out(), /progressing.*Rollout.*at 25%.*waiting for promotion/s);
});

Deno.test("status names the pod-level reason of a workload that is not ready", async () => {
  await using world = await cliWorld();
  const broken = await world.write("broken.yaml", WEB("broken"));
  const run = await world.run(["deploy", "-f", broken, "-s", "web", "--tolerance", "0s"]);
  equal(run.code, 1);
  const status = await world.run(["status", "web", "-o", "json"]);
  equal(status.code, 1);
  const report = JSON.parse(status.io.out()) as { resources: { state: string; message: string }[] };
  match(report.resources[0]?.message ?? "", /ImagePullBackOff|ErrImagePull/);
});

Deno.test("status -n picks the deploys of one namespace; healthy exits 0", async () => {
  await using world = await cliWorld();
  const v1 = await world.write("v1.yaml", WEB("1.0"));
  for (const ns of ["shop", "staging"]) {
    const run = await world.run(["deploy", "-f", v1, "-s", "web", "-n", ns, "--create-namespace"]);
    equal(run.code, 0, run.io.err());
  }
  const shop = await world.run(["status", "web", "-n", "shop", "-o", "json"]);
  equal(shop.code, 0, shop.io.out());
  equal(JSON.parse(shop.io.out()).lastDeploy.namespace, "shop");
  const none = await world.run(["status", "web", "-n", "nowhere"]);
  equal(none.code, 2, none.io.err());
  match(none.io.err(), /No deploy of service "web" in namespace "nowhere"/);
});

Deno.test("rollback -n and promote -n act on the service's deploys to that namespace", async () => {
  await using world = await cliWorld();
  const v1 = await world.write("v1.yaml", WEB("1.0"));
  const v2 = await world.write("v2.yaml", WEB("2.0"));
  for (const [file, ns] of [[v1, "shop"], [v2, "shop"], [v1, "staging"]] as const) {
    const run = await world.run([
      "deploy",
      "-f",
      file,
      "-s",
      "web",
      "-n",
      ns,
      "--create-namespace",
    ]);
    equal(run.code, 0, run.io.err());
  }
  const none = await world.run(["rollback", "web"]);
  equal(none.code, 2, "staging, the latest, has no earlier deploy");
  const shop = await world.run(["rollback", "web", "-n", "shop", "-o", "json"]);
  equal(shop.code, 0, shop.io.out() + shop.io.err());
  equal(JSON.parse(shop.io.out()).namespace, "shop");
  const live = await world.sandbox.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "shop",
    name: "web",
  });
  const spec = live?.["spec"] as { template: { spec: { containers: { image: string }[] } } };
  equal(spec.template.spec.containers[0]?.image, "example/web:1.0");
  const promote = await world.run(["promote", "web", "-n", "shop"]);
  equal(promote.code, 2);
  match(promote.io.err(), /nothing is progressing/);
});
