import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { condition, deployment, harness, meta, podsOf, status } from "./_harness.ts";
import { deploymentVerdict } from "./_kubectl.ts";

const REVISION = "deployment.kubernetes.io/revision";

function only(list: JsonObject[]): JsonObject {
  equal(list.length, 1);
  return list[0] as JsonObject;
}

Deno.test("startControllers() makes a Deployment ready exactly after readyDelayMs", async (t) => {
  const cases = [
    { name: "one replica, default delay", replicas: 1, delay: undefined, ms: 1000 },
    { name: "three replicas, 2.5 s delay", replicas: 3, delay: 2500, ms: 2500 },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const h = harness(c.delay === undefined ? {} : { readyDelayMs: c.delay });
      h.apply(deployment("web", "nginx:1.25", c.replicas));
      const verdicts: string[] = [];
      const check = () =>
        verdicts.push(deploymentVerdict(h.get("Deployment", "web") as JsonObject).message);
      check();
      h.advance(c.ms - 1);
      check();
      h.advance(1);
      check();
      deepEqual(verdicts, [
        `0 of ${c.replicas} updated replicas are available...`,
        `0 of ${c.replicas} updated replicas are available...`,
        'deployment "web" successfully rolled out',
      ]);
      const d = h.get("Deployment", "web");
      const s = status(d);
      equal(s["observedGeneration"], meta(d)["generation"]);
      deepEqual(
        [s["replicas"], s["updatedReplicas"], s["readyReplicas"], s["availableReplicas"]],
        [c.replicas, c.replicas, c.replicas, c.replicas],
      );
      equal(s["unavailableReplicas"], undefined);
      equal(condition(d, "Progressing")?.["reason"], "NewReplicaSetAvailable");
      equal(condition(d, "Available")?.["reason"], "MinimumReplicasAvailable");
    });
  }
});

Deno.test("startControllers() creates the ReplicaSet and pods a real Deployment controller creates", () => {
  const h = harness();
  const d = h.apply(deployment("web", "nginx:1.25", 2));
  const rs = only(h.list("ReplicaSet"));
  const name = String(meta(rs)["name"]);
  match(name, /^web-[0-9a-f]{10}$/);
  const hash = name.slice(4);
  deepEqual(meta(rs)["labels"], { app: "web", "pod-template-hash": hash });
  equal((meta(rs)["annotations"] as JsonObject)[REVISION], "1");
  equal((meta(h.get("Deployment", "web"))["annotations"] as JsonObject)[REVISION], "1");
  const owner = (meta(rs)["ownerReferences"] as JsonObject[])[0];
  deepEqual([owner?.["kind"], owner?.["uid"], owner?.["controller"]], [
    "Deployment",
    meta(d)["uid"],
    true,
  ]);
  const pods = podsOf(h, name);
  equal(pods.length, 2);
  for (const pod of pods) {
    match(String(meta(pod)["name"]), new RegExp(`^${name}-[b-z2-9]{5}$`));
    equal((meta(pod)["ownerReferences"] as JsonObject[])[0]?.["uid"], meta(rs)["uid"]);
    equal(status(pod)["phase"], "Pending");
  }
  h.advance(1000);
  const pod = podsOf(h, name)[0] as JsonObject;
  const s = status(pod);
  equal(s["phase"], "Running");
  deepEqual(
    (s["conditions"] as JsonObject[]).map((c) => `${c["type"]}=${c["status"]}`).sort(),
    ["ContainersReady=True", "Initialized=True", "PodScheduled=True", "Ready=True"],
  );
  const container = (s["containerStatuses"] as JsonObject[])[0] as JsonObject;
  deepEqual(
    [container["ready"], container["started"], container["restartCount"], container["image"]],
    [true, true, 0, "nginx:1.25"],
  );
  match(String(container["imageID"]), /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  deepEqual(container["state"], { running: { startedAt: "2026-01-01T00:00:01Z" } });
});

Deno.test("startControllers() rolls a changed template to a new ReplicaSet and waits for old replicas", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 3));
  h.advance(1000);
  const first = String(meta(only(h.list("ReplicaSet")))["name"]);
  h.apply(deployment("web", "nginx:1.26", 3));
  const d = h.get("Deployment", "web") as JsonObject;
  equal(meta(d)["generation"], 2);
  equal(status(d)["observedGeneration"], 2);
  equal(status(d)["replicas"], 6, "old replicas still count");
  equal(deploymentVerdict(d).message, "3 old replicas are pending termination...");
  equal((meta(d)["annotations"] as JsonObject)[REVISION], "2");
  equal(podsOf(h, first).length, 3);
  h.advance(999);
  equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).done, false);
  h.advance(1);
  const after = h.get("Deployment", "web") as JsonObject;
  equal(deploymentVerdict(after).done, true);
  equal(podsOf(h, first).length, 0);
  const old = h.get("ReplicaSet", first) as JsonObject;
  equal((old["spec"] as JsonObject)["replicas"], 0);
  deepEqual(status(after)["replicas"], 3);
});

Deno.test("startControllers() reuses the old ReplicaSet on rollback and gives it the next revision", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25"));
  h.advance(1000);
  const first = String(meta(only(h.list("ReplicaSet")))["name"]);
  h.apply(deployment("web", "nginx:1.26"));
  h.advance(1000);
  h.apply(deployment("web", "nginx:1.25"));
  equal(h.list("ReplicaSet").length, 2);
  equal((meta(h.get("ReplicaSet", first))["annotations"] as JsonObject)[REVISION], "3");
  h.advance(1000);
  const d = h.get("Deployment", "web") as JsonObject;
  equal((meta(d)["annotations"] as JsonObject)[REVISION], "3");
  equal(deploymentVerdict(d).done, true);
});

Deno.test("startControllers() reports a Deployment with replicas: 0 ready at once", () => {
  const h = harness();
  h.apply(deployment("idle", "nginx:1.25", 0));
  const d = h.get("Deployment", "idle") as JsonObject;
  equal(deploymentVerdict(d).done, true);
  equal(condition(d, "Available")?.["status"], "True");
  equal(h.list("Pod").length, 0);
});

Deno.test("startControllers() scales down before scaling up with the Recreate strategy", () => {
  const h = harness();
  const recreate = { strategy: { type: "Recreate" } };
  h.apply(deployment("db", "postgres:16", 2, recreate));
  h.advance(1000);
  h.apply(deployment("db", "postgres:17", 2, recreate));
  const images = h.list("Pod").map((p) =>
    ((p["spec"] as JsonObject)["containers"] as JsonObject[])[0]?.["image"]
  );
  deepEqual(images, ["postgres:17", "postgres:17"]);
  equal(deploymentVerdict(h.get("Deployment", "db") as JsonObject).done, false);
  h.advance(1000);
  equal(deploymentVerdict(h.get("Deployment", "db") as JsonObject).done, true);
});

Deno.test("startControllers() holds a paused Deployment's rollout", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 1, { paused: true }));
  const d = h.get("Deployment", "web") as JsonObject;
  equal(h.list("ReplicaSet").length, 0);
  deepEqual(
    [condition(d, "Progressing")?.["status"], condition(d, "Progressing")?.["reason"]],
    ["Unknown", "DeploymentPaused"],
  );
  h.apply(deployment("web", "nginx:1.25", 1, { paused: false }));
  h.advance(1000);
  equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).done, true);
});

Deno.test("startControllers() honours minReadySeconds before counting pods available", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:1.25", 1, { minReadySeconds: 5 }));
  h.advance(1000);
  const d = h.get("Deployment", "web") as JsonObject;
  deepEqual([status(d)["readyReplicas"], status(d)["availableReplicas"]], [1, undefined]);
  h.advance(5000);
  equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).done, true);
  ok(h.get("Deployment", "web"));
});
