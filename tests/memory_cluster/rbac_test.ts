import { deepEqual, equal, ok } from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { startHttpSandbox } from "../../src/testing/mod.ts";
import { configMapYaml, deploymentYaml } from "../_apps.ts";
import { type ApiRequest, notAllowed, recordingCluster } from "./_rbac.ts";
import { machine, scratch } from "./_machines.ts";

const MANIFEST = new URL("../../deploy/rbac/nopea-deployer.yaml", import.meta.url);

Deno.test("every request of deploys, syncs and compaction with the cluster store is allowed by deploy/rbac", async () => {
  await using h = await startHttpSandbox({ controllers: { readyDelayMs: 1000 } });
  await using tmp = await scratch();
  const requests: ApiRequest[] = [];
  const cluster = recordingCluster(h.cluster, requests);
  const one = machine(h, tmp.dir("a"), "a", cluster);
  const two = machine(h, tmp.dir("b"), "b", cluster);
  const app = configMapYaml("settings") + deploymentYaml("v1");
  equal((await one.engine.deploy({ service: "web", manifests: app })).status, "completed");
  const next = deploymentYaml("v2");
  equal((await two.engine.deploy({ service: "web", manifests: next })).status, "completed");
  equal((await one.engine.rollback({ service: "web" })).status, "rolledback");
  await one.store.sync();
  await one.store.remote.compact({});
  await two.store.syncStats();
  ok(requests.some((r) => r.resource === "configmaps" && r.namespace === "nopea-system"));
  ok(requests.some((r) => r.resource === "leases"));
  ok(requests.some((r) => r.resource === "secrets" && r.name === "nopea-memory-key"));
  deepEqual(notAllowed(await Deno.readTextFile(MANIFEST), requests), []);
});

Deno.test("the rule check itself refuses what the manifest does not grant", async () => {
  const refused = notAllowed(await Deno.readTextFile(MANIFEST), [
    { verb: "delete", group: "", resource: "nodes", namespace: "" },
    { verb: "create", group: "", resource: "configmaps", namespace: "nopea-system" },
    { verb: "escalate", group: "", resource: "secrets", namespace: "nopea-system", name: "x" },
  ]);
  deepEqual(refused.map((r) => r.resource), ["nodes", "secrets"]);
});

Deno.test("the sandbox accepts every object of deploy/rbac/nopea-deployer.yaml", async () => {
  await using h = await startHttpSandbox();
  const docs = parseAllDocuments(await Deno.readTextFile(MANIFEST)).map((d) =>
    d.toJS() as KubeObject
  );
  for (const doc of docs) await h.cluster.apply(doc);
  const role = await h.cluster.get({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    namespace: "nopea-system",
    name: "nopea-memory",
  });
  ok(role);
  equal(docs.length, 6);
});
