import { equal, match } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";

const LEASE = {
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  namespace: "default",
  name: "nopea-web",
};

async function lockedWorld() {
  const world = await cliWorld();
  const renewTime = new Date().toISOString().replace("Z", "000Z");
  await world.sandbox.cluster.apply({
    apiVersion: LEASE.apiVersion,
    kind: "Lease",
    metadata: { name: LEASE.name, namespace: LEASE.namespace },
    spec: { holderIdentity: "ci-runner/42/01OTHER", leaseDurationSeconds: 3600, renewTime },
  }, { fieldManager: "other-machine" });
  return world;
}

Deno.test("nopea unlock refuses a fresh lock (exit 1) and removes it with --force (exit 0)", async () => {
  await using world = await lockedWorld();
  const refused = await world.run(["unlock", "web", "-n", "default"]);
  equal(refused.code, 1, refused.io.out() + refused.io.err());
  match(refused.io.err(), /DEPLOY_IN_PROGRESS/);
  match(refused.io.err(), /being deployed by ci-runner\/42\/01OTHER/);
  match(refused.io.err(), /--force/);
  equal((await world.sandbox.cluster.get(LEASE))?.metadata.name, "nopea-web");
  const forced = await world.run(["unlock", "web", "-n", "default", "--force"]);
  equal(forced.code, 0, forced.io.out() + forced.io.err());
  match(forced.io.out(), /Removed lease "nopea-web" in namespace "default" held by ci-runner/);
  equal(await world.sandbox.cluster.get(LEASE), undefined);
  const again = await world.run(["unlock", "web", "-o", "json"]);
  equal(again.code, 0, again.io.out() + again.io.err());
  equal(JSON.parse(again.io.out()).removed, false);
});

Deno.test("nopea unlock of an invalid service name exits 2", async () => {
  await using world = await cliWorld();
  const bad = await world.run(["unlock", "Not_A_Label"]);
  equal(bad.code, 2, bad.io.out() + bad.io.err());
});
