import { deepEqual, equal, match } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };
const yaml =
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  greeting: "hello"\n`;

async function deployedWorld() {
  const world = await cliWorld();
  const file = await world.write("cm.yaml", yaml);
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  return world;
}

const greeting = async (world: Awaited<ReturnType<typeof cliWorld>>) =>
  ((await world.sandbox.cluster.get(CM))?.["data"] as Record<string, string>)["greeting"];

Deno.test("nopea heal exits 0 without drift and when it healed what drifted", async () => {
  await using world = await deployedWorld();
  const clean = await world.run(["heal", "web"]);
  equal(clean.code, 0, clean.io.out() + clean.io.err());
  match(clean.io.out(), /Heal of service "web" \(policy auto\) against deploy \w+: no drift/);
  await world.sandbox.cluster.patch(CM, { data: { greeting: "edited" } }, {
    fieldManager: "kubectl-edit",
  });
  const healed = await world.run(["heal", "web"]);
  equal(healed.code, 0, healed.io.out() + healed.io.err());
  match(healed.io.out(), /1 of 1 objects drifted/);
  match(healed.io.out(), / {2}healed {2}ConfigMap\/default\/web-config/);
  match(healed.io.out(), /Re-applied by deploy \w+: completed/);
  equal(await greeting(world), "hello");
});

Deno.test("nopea heal --policy notify -o json reports and changes nothing", async () => {
  await using world = await deployedWorld();
  await world.sandbox.cluster.patch(CM, { data: { greeting: "edited" } }, {
    fieldManager: "kubectl-edit",
  });
  const notified = await world.run(["heal", "web", "--policy", "notify", "-o", "json"]);
  equal(notified.code, 0, notified.io.err());
  const report = JSON.parse(notified.io.out());
  deepEqual([report.policy, report.healed, report.result], ["notify", [], undefined]);
  match(report.skipped[0].reason, /policy "notify": would be re-applied/);
  equal(await greeting(world), "edited");
  const text = await world.run(["heal", "web", "--policy", "manual"]);
  match(text.io.out(), /skipped {2}ConfigMap\/default\/web-config: policy "manual"/);
});

Deno.test("nopea heal exits 1 when the re-apply fails and 2 on bad flags", async () => {
  await using world = await deployedWorld();
  await world.sandbox.cluster.patch(CM, {
    metadata: { labels: { "nopea.io/service": "other" } },
  }, { fieldManager: "kubectl-edit" });
  const failed = await world.run(["heal", "web"]);
  equal(failed.code, 1, failed.io.out() + failed.io.err());
  // A field-manager conflict is refused by the cluster before anything changes.
  match(failed.io.out(), /Re-applied by deploy \w+: refused/);
  match(failed.io.out(), /KUBE_CONFLICT: .*belongs to Nopea service "other"/);
  const badGrace = await world.run(["heal", "web", "--grace", "soon"]);
  equal(badGrace.code, 2);
  match(badGrace.io.err(), /SPEC_INVALID/);
  const badPolicy = await world.run(["heal", "web", "--policy", "sometimes"]);
  equal(badPolicy.code, 2);
});
