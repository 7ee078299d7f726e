import { equal, match, ok } from "node:assert/strict";
import { cliWorld } from "../_cli.ts";
import { configMapYaml } from "../_apps.ts";

Deno.test("nopea deploy --memory-store cluster shares memory; memory sync and stats show both sides", async () => {
  await using world = await cliWorld();
  const file = await world.write("app.yaml", configMapYaml("web"));
  const cluster = { NOPEA_MEMORY_STORE: "cluster" };
  const deployed = await world.run(["deploy", "-f", file, "-s", "web"], { env: cluster });
  equal(deployed.code, 0, deployed.io.err());
  const other = { ...cluster, NOPEA_MEMORY_DIR: `${world.dir}/other` };
  const synced = await world.run(["memory", "sync"], { env: other });
  equal(synced.code, 0, synced.io.err());
  equal(synced.io.out(), "Pulled 1 occurrences from the cluster, pushed 0\n");
  const stats = await world.run(["memory", "stats", "-o", "json"], { env: other });
  const shared = JSON.parse(stats.io.out()).shared;
  equal(shared.cluster.occurrences, 1);
  equal(shared.pending, 0);
  const text = await world.run(["memory", "stats", "--memory-store", "cluster"]);
  match(text.io.out(), /cluster \(namespace nopea-system\): 1 occurrences in 1 chunks/);
});

Deno.test("a bad --memory-store or NOPEA_MEMORY_STORE exits 2 naming it and what it accepts", async () => {
  await using world = await cliWorld();
  const flag = await world.run(["memory", "stats", "--memory-store", "etcd"]);
  equal(flag.code, 2);
  match(flag.io.err(), /Invalid --memory-store "etcd": expected "file" or "cluster"/);
  const env = await world.run(["memory", "stats"], { env: { NOPEA_MEMORY_STORE: "s3" } });
  equal(env.code, 2);
  match(env.io.err(), /Invalid NOPEA_MEMORY_STORE "s3"/);
});

Deno.test("memory sync with the file store exits 2 and says how to share memory", async () => {
  await using world = await cliWorld();
  const result = await world.run(["memory", "sync"]);
  equal(result.code, 2);
  ok(result.io.err().includes("--memory-store cluster"), result.io.err());
});

Deno.test("memory sync without permission to the memory namespace names the permission and the manifest", async () => {
  await using world = await cliWorld();
  world.sandbox.server.faults.add({ resource: "configmaps", status: 403 });
  const result = await world.run(["memory", "sync", "--memory-store", "cluster"]);
  equal(result.code, 3);
  match(result.io.err(), /permission "get" on "configmaps" in namespace "nopea-system" is missing/);
  match(result.io.err(), /deploy\/rbac\/nopea-deployer\.yaml/);
});

Deno.test("memory stats with the cluster store shows local stats and why the cluster side was not read", async () => {
  await using world = await cliWorld();
  const file = await world.write("app.yaml", configMapYaml("web"));
  equal((await world.run(["deploy", "-f", file, "-s", "web"])).code, 0);
  world.sandbox.server.faults.add({ resource: "configmaps", status: 403 });
  const text = await world.run(["memory", "stats", "--memory-store", "cluster"]);
  equal(text.code, 0, text.io.err());
  match(text.io.out(), /^local: 1 deploys/);
  match(text.io.out(), /cluster: not read: .*permission "\w+" on "configmaps"/);
  match(text.io.out(), /hint: .*nopea-deployer\.yaml/);
  const json = await world.run(["memory", "stats", "--memory-store", "cluster", "-o", "json"]);
  equal(JSON.parse(json.io.out()).shared.error.code, "KUBE_FORBIDDEN");
});
