import { deepEqual, equal, ok } from "node:assert/strict";
import type { ObjectEvent } from "../../../src/sandbox/types.ts";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { deployment, metaOf, newCore, scope, statusOf } from "./_fixtures.ts";

Deno.test("ControllerApi.writeStatus() records the manager on /status and keeps generation", () => {
  const { core } = newCore();
  const api = core.controllerApi();
  core.create(scope("deployments"), deployment("d"));
  const out = api.writeStatus("apps", "Deployment", "default", "d", { observedGeneration: 1 });
  deepEqual(out?.["status"], { observedGeneration: 1 });
  equal(metaOf(out ?? {})["generation"], 1);
  const entry = (metaOf(out ?? {})["managedFields"] as JsonObject[]).find((e) =>
    e["manager"] === "kube-controller-manager"
  );
  equal(entry?.["subresource"], "status");
  equal(api.writeStatus("apps", "Deployment", "default", "gone", {}), undefined);
});

Deno.test("ControllerApi.put() creates and replaces objects with API-write stamping", () => {
  const { core } = newCore();
  const api = core.controllerApi();
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default" },
    spec: { containers: [{ name: "c", image: "nginx" }] },
    status: { phase: "Running" },
  };
  const created = api.put(pod);
  ok(metaOf(created)["uid"]);
  equal((created["status"] as JsonObject)["phase"], "Running");
  const replaced = api.put({ ...pod, metadata: { ...pod.metadata, labels: { a: "b" } } });
  equal(metaOf(replaced)["uid"], metaOf(created)["uid"]);
  equal(
    statusOf(() => api.put({ ...pod, metadata: { name: "q", namespace: "nope" } }))["code"],
    404,
  );
});

Deno.test("ControllerApi.remove() deletes with garbage collection", () => {
  const { core } = newCore();
  const api = core.controllerApi();
  const owner = api.put({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "o", namespace: "default" },
  });
  api.put({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "c",
      namespace: "default",
      ownerReferences: [{
        uid: metaOf(owner)["uid"],
        name: "o",
        kind: "ConfigMap",
        apiVersion: "v1",
      }],
    },
  });
  equal(api.remove("", "ConfigMap", "default", "o"), true);
  equal(api.get("", "ConfigMap", "default", "c"), undefined);
  equal(api.remove("", "ConfigMap", "default", "o"), false);
});

Deno.test("ControllerApi.onChange() sees every commit in order, including writes made by listeners", () => {
  const { core } = newCore();
  const api = core.controllerApi();
  const seen: string[] = [];
  const stop = api.onChange((e: ObjectEvent) => {
    seen.push(`${e.type} ${e.kind} ${metaOf(e.object)["name"]}`);
    if (e.kind === "Deployment" && e.type === "ADDED") {
      api.put({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "rs", namespace: "default" },
        spec: {
          selector: { matchLabels: { app: "d" } },
          template: {
            metadata: { labels: { app: "d" } },
            spec: { containers: [{ name: "c", image: "i" }] },
          },
        },
      });
    }
  });
  const late: string[] = [];
  api.onChange((e) => late.push(`${e.type} ${e.kind}`));
  core.create(scope("deployments"), deployment("d"));
  stop();
  core.create(scope("deployments"), deployment("e"));
  deepEqual(seen, ["ADDED Deployment d", "ADDED ReplicaSet rs"]);
  deepEqual(late, ["ADDED Deployment", "ADDED ReplicaSet", "ADDED Deployment"]);
});

Deno.test("ControllerApi.schedule() runs tasks when the clock reaches them", () => {
  const { core, clock } = newCore();
  const api = core.controllerApi();
  const ran: number[] = [];
  api.schedule(clock.now() + 1000, () => ran.push(1));
  core.runDue();
  deepEqual(ran, []);
  clock.advance(1000);
  equal(core.runDue(), 1);
  deepEqual(ran, [1]);
});
