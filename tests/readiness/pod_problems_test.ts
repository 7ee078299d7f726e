import { deepEqual, equal } from "node:assert/strict";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { podProblems } from "../../src/readiness/mod.ts";

const pod = (name: string, status: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  status,
});

Deno.test("podProblems() reports blocked containers with their termination details", () => {
  const crashing = pod("api-1", {
    containerStatuses: [{
      name: "app",
      ready: false,
      restartCount: 4,
      state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } },
      lastState: { terminated: { exitCode: 1, message: "panic: boom" } },
    }],
  });
  const [problem] = podProblems([crashing], []);
  equal(problem?.reason, "CrashLoopBackOff");
  equal(problem?.blocking, true);
  equal(problem?.exitCode, 1);
  equal(problem?.restartCount, 4);
  equal(problem?.message, "back-off 40s; last exit code 1: panic: boom");
});

Deno.test("podProblems() ignores normal start-up waits and ready containers", () => {
  const starting = pod("api-2", {
    containerStatuses: [
      { name: "a", ready: false, state: { waiting: { reason: "ContainerCreating" } } },
      { name: "b", ready: true, state: { running: {} } },
    ],
  });
  deepEqual(podProblems([starting], []), []);
});

Deno.test("podProblems() adds Warning events of the pods once per reason", () => {
  const p = pod("api-3", {});
  const event = (reason: string, type = "Warning", name = "api-3"): KubeObject => ({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `e-${reason}` },
    type,
    reason,
    message: `${reason} happened`,
    involvedObject: { kind: "Pod", name },
  });
  const problems = podProblems([p], [
    event("FailedMount"),
    event("FailedMount"),
    event("Pulled", "Normal"),
    event("BackOff", "Warning", "other-pod"),
  ]);
  deepEqual(problems.map((x) => x.reason), ["FailedMount"]);
  equal(problems[0]?.blocking, false);
});

Deno.test("podProblems() reports unschedulable pods", () => {
  const p = pod("api-4", {
    conditions: [{
      type: "PodScheduled",
      status: "False",
      reason: "Unschedulable",
      message: "0/1 nodes",
    }],
  });
  equal(podProblems([p], [])[0]?.reason, "Unschedulable");
});
