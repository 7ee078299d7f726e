import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { condition, harness, meta, podsOf, podTemplate, status } from "./_harness.ts";
import { daemonSetVerdict, statefulSetVerdict } from "./_kubectl.ts";

function statefulSet(image: string, replicas: number, extra: JsonObject = {}): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db" },
    spec: {
      replicas,
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      template: podTemplate("db", [image]),
      ...extra,
    },
  };
}

function job(image: string, spec: JsonObject = {}): JsonObject {
  const template = podTemplate("migrate", [image]);
  (template["spec"] as JsonObject)["restartPolicy"] = "Never";
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "migrate" },
    spec: { template, ...spec },
  };
}

const names = (pods: JsonObject[]) => pods.map((p) => String(meta(p)["name"]));

Deno.test("startControllers() creates StatefulSet pods one at a time, in order", () => {
  const h = harness();
  h.apply(statefulSet("postgres:16", 3));
  deepEqual(names(podsOf(h, "db-")), ["db-0"]);
  equal(statefulSetVerdict(h.get("StatefulSet", "db") as JsonObject).done, false);
  h.advance(1000);
  deepEqual(names(podsOf(h, "db-")), ["db-0", "db-1"]);
  h.advance(2000);
  deepEqual(names(podsOf(h, "db-")), ["db-0", "db-1", "db-2"]);
  const set = h.get("StatefulSet", "db") as JsonObject;
  const s = status(set);
  equal(statefulSetVerdict(set).done, true);
  match(String(s["updateRevision"]), /^db-[0-9a-f]{10}$/);
  deepEqual(
    [
      s["replicas"],
      s["readyReplicas"],
      s["currentReplicas"],
      s["updatedReplicas"],
      s["availableReplicas"],
    ],
    [3, 3, 3, 3, 3],
  );
  deepEqual([s["currentRevision"], s["collisionCount"], s["observedGeneration"]], [
    s["updateRevision"],
    0,
    1,
  ]);
  const pod = h.get("Pod", "db-1") as JsonObject;
  equal((meta(pod)["labels"] as JsonObject)["controller-revision-hash"], s["updateRevision"]);
  equal((pod["spec"] as JsonObject)["hostname"], "db-1");
});

Deno.test("startControllers() updates StatefulSet pods from the highest ordinal down", () => {
  const h = harness();
  h.apply(statefulSet("postgres:16", 2));
  h.advance(2000);
  const before = status(h.get("StatefulSet", "db"))["currentRevision"];
  h.apply(statefulSet("postgres:17", 2));
  const at = () => {
    const s = status(h.get("StatefulSet", "db"));
    const done = statefulSetVerdict(h.get("StatefulSet", "db") as JsonObject).done;
    return [s["updatedReplicas"], s["currentReplicas"], s["currentRevision"] === before, done];
  };
  const image = (pod: string) =>
    ((h.get("Pod", pod)?.["spec"] as JsonObject)["containers"] as JsonObject[])[0]?.["image"];
  deepEqual(at(), [1, 1, true, false]);
  deepEqual([image("db-0"), image("db-1")], ["postgres:16", "postgres:17"]);
  h.advance(1000);
  deepEqual(at(), [2, 0, true, false]);
  h.advance(1000);
  deepEqual(at(), [2, 2, false, true]);
  equal(
    status(h.get("StatefulSet", "db"))["currentRevision"],
    status(h.get("StatefulSet", "db"))["updateRevision"],
  );
});

Deno.test("startControllers() creates and binds the claims of volumeClaimTemplates", () => {
  const h = harness();
  const claim = {
    metadata: { name: "data" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } },
  };
  h.apply(statefulSet("postgres:16", 1, { volumeClaimTemplates: [claim] }));
  equal(status(h.get("PersistentVolumeClaim", "data-db-0"))["phase"], "Pending");
  h.advance(1000);
  deepEqual(status(h.get("PersistentVolumeClaim", "data-db-0")), {
    phase: "Bound",
    accessModes: ["ReadWriteOnce"],
    capacity: { storage: "5Gi" },
  });
});

Deno.test("startControllers() runs one DaemonSet pod on sandbox-node and replaces it on change", () => {
  const h = harness();
  const ds = (image: string) => ({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent" },
    spec: { selector: { matchLabels: { app: "agent" } }, template: podTemplate("agent", [image]) },
  });
  h.apply(ds("fluent-bit:3.0"));
  const pods = podsOf(h, "agent-");
  equal(pods.length, 1);
  equal((pods[0]?.["spec"] as JsonObject)["nodeName"], "sandbox-node");
  deepEqual(status(h.get("DaemonSet", "agent")), {
    currentNumberScheduled: 1,
    numberMisscheduled: 0,
    desiredNumberScheduled: 1,
    numberReady: 0,
    observedGeneration: 1,
    updatedNumberScheduled: 1,
    numberUnavailable: 1,
  });
  h.advance(1000);
  equal(daemonSetVerdict(h.get("DaemonSet", "agent") as JsonObject).done, true);
  h.apply(ds("fluent-bit:3.1"));
  equal(daemonSetVerdict(h.get("DaemonSet", "agent") as JsonObject).done, false);
  equal(
    ((podsOf(h, "agent-")[0]?.["spec"] as JsonObject)["containers"] as JsonObject[])[0]?.["image"],
    "fluent-bit:3.1",
  );
  h.advance(1000);
  equal(daemonSetVerdict(h.get("DaemonSet", "agent") as JsonObject).done, true);
});

Deno.test("startControllers() completes a Job once its pods succeed", () => {
  const h = harness();
  h.apply(job("migrate:1", { completions: 2, parallelism: 2 }));
  equal(status(h.get("Job", "migrate"))["active"], 2);
  h.advance(1000);
  equal(status(h.get("Job", "migrate"))["ready"], 2);
  h.advance(1000);
  const j = h.get("Job", "migrate") as JsonObject;
  const s = status(j);
  deepEqual([s["succeeded"], s["active"], s["startTime"], s["completionTime"]], [
    2,
    undefined,
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:02Z",
  ]);
  deepEqual((s["conditions"] as JsonObject[]).map((c) => `${c["type"]}=${c["status"]}`), [
    "SuccessCriteriaMet=True",
    "Complete=True",
  ]);
  ok(podsOf(h, "migrate-").every((p) => status(p)["phase"] === "Succeeded"));
});

Deno.test("startControllers() fails a Job with a failing image after its back-off limit", async (t) => {
  for (const image of ["migrate:crash", "migrate:broken"]) {
    await t.step(image, () => {
      const h = harness();
      h.apply(job(image, { backoffLimit: 1 }));
      h.advance(2000);
      equal(status(h.get("Job", "migrate"))["failed"], 1);
      equal(condition(h.get("Job", "migrate"), "Failed"), undefined);
      h.advance(10_000);
      equal(podsOf(h, "migrate-").length, 2, "a new pod after the 10 s back-off");
      h.advance(2000);
      const j = h.get("Job", "migrate") as JsonObject;
      deepEqual(
        [condition(j, "Failed")?.["status"], condition(j, "Failed")?.["reason"]],
        ["True", "BackoffLimitExceeded"],
      );
      equal(status(j)["failed"], 2);
      equal(
        condition(j, "FailureTarget")?.["message"],
        "Job has reached the specified backoff limit",
      );
    });
  }
});

Deno.test("startControllers() assigns LoadBalancer ingress after readyDelayMs", () => {
  const h = harness();
  const service = (name: string, type: string) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { type, selector: { app: name }, ports: [{ port: 80 }] },
  });
  h.apply(service("front", "LoadBalancer"));
  h.apply(service("back", "LoadBalancer"));
  h.apply(service("internal", "ClusterIP"));
  deepEqual(status(h.get("Service", "front"))["loadBalancer"], {});
  h.advance(1000);
  deepEqual(status(h.get("Service", "front"))["loadBalancer"], {
    ingress: [{ ip: "127.0.0.2", ipMode: "VIP" }],
  });
  deepEqual(status(h.get("Service", "back"))["loadBalancer"], {
    ingress: [{ ip: "127.0.0.3", ipMode: "VIP" }],
  });
  equal(
    (status(h.get("Service", "internal"))["loadBalancer"] as JsonObject | undefined)?.["ingress"],
    undefined,
  );
});

Deno.test("startControllers() leaves CronJobs alone and runs bare pods", () => {
  const h = harness();
  h.apply({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "nightly" },
    spec: {
      schedule: "0 3 * * *",
      jobTemplate: { spec: { template: podTemplate("nightly", ["busybox:1"]) } },
    },
  });
  h.apply({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "debug" },
    spec: (podTemplate("debug", ["busybox:1"])["spec"]) as JsonObject,
  });
  h.advance(1000);
  equal(h.list("Job").length, 0);
  equal(status(h.get("Pod", "debug"))["phase"], "Running");
});
