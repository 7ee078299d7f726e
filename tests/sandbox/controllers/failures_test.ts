import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import {
  condition,
  deployment,
  eventsOf,
  type Harness,
  harness,
  meta,
  podsOf,
  status,
} from "./_harness.ts";
import { deploymentVerdict } from "./_kubectl.ts";

function containerOf(h: Harness, prefix = "web-"): JsonObject {
  const pod = podsOf(h, prefix)[0] as JsonObject;
  return (status(pod)["containerStatuses"] as JsonObject[])[0] as JsonObject;
}

function waiting(h: Harness): JsonObject {
  return ((containerOf(h)["state"] as JsonObject)["waiting"] ?? {}) as JsonObject;
}

function eventSummary(h: Harness): string[] {
  const pod = String(meta(podsOf(h, "web-")[0])["name"]);
  return eventsOf(h, pod).map((e) =>
    `${e["type"]} ${e["reason"]} x${e["count"]} ${(e["source"] as JsonObject)["component"]}`
  ).sort();
}

Deno.test("startControllers() fails ':broken' images with ErrImagePull, then ImagePullBackOff", () => {
  const h = harness();
  h.apply(deployment("web", "registry.example/web:broken"));
  equal(waiting(h)["reason"], "ContainerCreating");
  h.advance(1000);
  equal(waiting(h)["reason"], "ErrImagePull");
  deepEqual(eventSummary(h), ["Warning Failed x1 kubelet"]);
  h.advance(1000);
  deepEqual(waiting(h), {
    reason: "ImagePullBackOff",
    message: 'Back-off pulling image "registry.example/web:broken"',
  });
  deepEqual(eventSummary(h), ["Warning BackOff x1 kubelet", "Warning Failed x1 kubelet"]);
  const pod = String(meta(podsOf(h, "web-")[0])["name"]);
  const failed = eventsOf(h, pod).find((e) => e["reason"] === "Failed") as JsonObject;
  match(
    String(failed["message"]),
    /^Failed to pull image "registry.example\/web:broken": .*not found$/,
  );
  deepEqual(failed["involvedObject"], {
    apiVersion: "v1",
    kind: "Pod",
    name: pod,
    namespace: "default",
    uid: meta(podsOf(h, "web-")[0])["uid"],
    fieldPath: "spec.containers{app}",
  });
  equal(failed["firstTimestamp"], "2026-01-01T00:00:01Z");
  h.advance(10_000);
  equal(waiting(h)["reason"], "ErrImagePull", "retried after the 10 s back-off");
  h.advance(1000);
  deepEqual(eventSummary(h), ["Warning BackOff x2 kubelet", "Warning Failed x2 kubelet"]);
  equal(status(podsOf(h, "web-")[0])["phase"], "Pending");
});

Deno.test("startControllers() sets ProgressDeadlineExceeded exactly at the progress deadline", async (t) => {
  const cases = [
    { name: "spec default of 600 s", options: {}, spec: {}, deadline: 600 },
    {
      name: "spec.progressDeadlineSeconds",
      options: {},
      spec: { progressDeadlineSeconds: 30 },
      deadline: 30,
    },
    {
      name: "the option overrides the spec",
      options: { progressDeadlineSeconds: 20 },
      spec: { progressDeadlineSeconds: 900 },
      deadline: 20,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const h = harness(c.options);
      h.apply(deployment("web", "nginx:broken", 2, c.spec));
      h.advance(c.deadline * 1000 - 1);
      equal(deploymentVerdict(h.get("Deployment", "web") as JsonObject).error, undefined);
      h.advance(1);
      const d = h.get("Deployment", "web") as JsonObject;
      const rs = String(meta(h.list("ReplicaSet")[0])["name"]);
      deepEqual(condition(d, "Progressing"), {
        type: "Progressing",
        status: "False",
        lastUpdateTime: new Date(Date.parse("2026-01-01T00:00:00Z") + c.deadline * 1000)
          .toISOString().replace(".000Z", "Z"),
        lastTransitionTime: new Date(Date.parse("2026-01-01T00:00:00Z") + c.deadline * 1000)
          .toISOString().replace(".000Z", "Z"),
        reason: "ProgressDeadlineExceeded",
        message: `ReplicaSet "${rs}" has timed out progressing.`,
      });
      equal(deploymentVerdict(d).error, 'deployment "web" exceeded its progress deadline');
    });
  }
});

Deno.test("startControllers() crash-loops ':crash' images with restarts and a termination message", () => {
  const h = harness();
  h.apply(deployment("web", "nginx:crash"));
  h.advance(1000);
  let c = containerOf(h);
  equal(status(podsOf(h, "web-")[0])["phase"], "Running");
  deepEqual([c["ready"], c["restartCount"]], [false, 1]);
  equal(((c["state"] as JsonObject)["waiting"] as JsonObject)["reason"], "CrashLoopBackOff");
  match(
    String(((c["state"] as JsonObject)["waiting"] as JsonObject)["message"]),
    /^back-off 10s restarting failed container=app pod=web-.*_default\(uid-\d+\)$/,
  );
  const terminated = (c["lastState"] as JsonObject)["terminated"] as JsonObject;
  deepEqual(
    [terminated["exitCode"], terminated["reason"], terminated["message"]],
    [1, "Error", "sandbox: container exited with code 1"],
  );
  h.advance(10_000);
  h.advance(20_000);
  c = containerOf(h);
  equal(c["restartCount"], 3);
  match(String(((c["state"] as JsonObject)["waiting"] as JsonObject)["message"]), /^back-off 40s /);
  const pod = String(meta(podsOf(h, "web-")[0])["name"]);
  const backoff = eventsOf(h, pod).find((e) => e["reason"] === "BackOff") as JsonObject;
  deepEqual([backoff["message"], backoff["count"], backoff["type"]], [
    "Back-off restarting failed container",
    3,
    "Warning",
  ]);
  equal(
    deploymentVerdict(h.get("Deployment", "web") as JsonObject).message,
    "0 of 1 updated replicas are available...",
  );
});

Deno.test("startControllers() recovers a failed rollout when a good image is applied", () => {
  const h = harness({ progressDeadlineSeconds: 10 });
  h.apply(deployment("web", "nginx:1.25", 2));
  h.advance(1000);
  h.apply(deployment("web", "nginx:broken", 2));
  h.advance(10_000);
  equal(
    condition(h.get("Deployment", "web"), "Progressing")?.["reason"],
    "ProgressDeadlineExceeded",
  );
  equal(status(h.get("Deployment", "web"))["availableReplicas"], 2, "the old pods keep serving");
  h.apply(deployment("web", "nginx:1.26", 2));
  const during = h.get("Deployment", "web") as JsonObject;
  deepEqual(
    [condition(during, "Progressing")?.["status"], condition(during, "Progressing")?.["reason"]],
    ["True", "ReplicaSetUpdated"],
  );
  h.advance(1000);
  const d = h.get("Deployment", "web") as JsonObject;
  equal(deploymentVerdict(d).done, true);
  equal(condition(d, "Progressing")?.["reason"], "NewReplicaSetAvailable");
  equal(h.list("Pod").length, 2);
  ok(h.list("Pod").every((p) => status(p)["phase"] === "Running"));
});

Deno.test("startControllers() applies custom failure rules by glob", async (t) => {
  const cases = [
    {
      image: "nginx:nopull",
      reason: "ErrImagePull" as const,
      after: 30_000,
      expect: "ErrImagePull",
    },
    {
      image: "shop/cart:cfg",
      reason: "CreateContainerConfigError" as const,
      after: 1000,
      expect: "CreateContainerConfigError",
    },
    {
      image: "ghcr.io/x/api:1.0",
      reason: "CrashLoopBackOff" as const,
      after: 1000,
      expect: "CrashLoopBackOff",
    },
  ];
  for (const c of cases) {
    await t.step(`${c.image} → ${c.expect}`, () => {
      const h = harness({
        failureRules: [{ image: c.image.replace(/^[^:/]+/, "*"), reason: c.reason }],
      });
      h.apply(deployment("web", c.image));
      h.advance(c.after);
      equal(waiting(h)["reason"], c.expect);
      ok(eventSummary(h).length > 0);
    });
  }
  await t.step("images matching no rule run", () => {
    const h = harness({ failureRules: [{ image: "*:nope", reason: "ImagePullBackOff" }] });
    h.apply(deployment("web", "nginx:broken"));
    h.advance(1000);
    equal(containerOf(h)["ready"], true);
  });
});
