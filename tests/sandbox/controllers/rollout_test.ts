import { deepEqual, equal, match } from "node:assert/strict";
import type { JsonObject } from "../../../src/sandbox/types.ts";
import { harness, meta, status } from "./_harness.ts";
import { canary, installCrds, phaseOf, replicaSets, rollout, route, weights } from "./_kulta.ts";

const PROMOTE = { metadata: { annotations: { "kulta.io/promote": "true" } } };

Deno.test("startControllers() drives a canary Rollout through its steps to Completed", () => {
  const h = harness();
  installCrds(h);
  h.apply(route());
  h.apply(
    rollout(canary([{ setWeight: 10 }, { setWeight: 25 }, { setWeight: 50 }, { setWeight: 100 }])),
  );
  const s = status(h.get("Rollout", "web"));
  deepEqual(s, {
    replicas: 0,
    readyReplicas: 0,
    updatedReplicas: 0,
    currentStepIndex: 0,
    currentWeight: 10,
    phase: "Progressing",
    message: "Starting canary rollout at step 0 (10% traffic)",
    progressStartedAt: "2026-01-01T00:00:00+00:00",
  });
  const seen: unknown[] = [[phaseOf(h), replicaSets(h), weights(h)]];
  for (let i = 0; i < 4; i++) {
    h.advance(1000);
    seen.push([phaseOf(h), replicaSets(h), weights(h)]);
  }
  deepEqual(seen, [
    [["Progressing", 0, 10], { "web-canary": 1, "web-stable": 3 }, ["web=90", "web-canary=10"]],
    [["Progressing", 1, 25], { "web-canary": 1, "web-stable": 3 }, ["web=75", "web-canary=25"]],
    [["Progressing", 2, 50], { "web-canary": 2, "web-stable": 2 }, ["web=50", "web-canary=50"]],
    [["Completed", 3, 100], { "web-canary": 4, "web-stable": 0 }, ["web=0", "web-canary=100"]],
    [["Completed", 4, 100], { "web-canary": 4, "web-stable": 0 }, ["web=0", "web-canary=100"]],
  ]);
  equal(status(h.get("Rollout", "web"))["message"], "Rollout completed: 100% traffic to canary");
});

Deno.test("startControllers() labels KULTA ReplicaSets and merge-patches the whole route rules", () => {
  const h = harness();
  installCrds(h);
  h.apply(rollout(canary([{ setWeight: 20 }, { setWeight: 100 }])));
  const rs = h.get("ReplicaSet", "web-canary") as JsonObject;
  const labels = meta(rs)["labels"] as JsonObject;
  match(String(labels["pod-template-hash"]), /^[0-9a-f]{10}$/);
  deepEqual(
    [labels["app"], labels["rollouts.kulta.io/type"], labels["rollouts.kulta.io/managed"]],
    ["web", "canary", "true"],
  );
  deepEqual(((rs["spec"] as JsonObject)["selector"] as JsonObject)["matchLabels"], labels);
  equal(meta(rs)["ownerReferences"], undefined);
  h.apply(route());
  const rules = (h.get("HTTPRoute", "web-route")?.["spec"] as JsonObject)["rules"];
  deepEqual(rules, [{
    backendRefs: [
      { name: "web", port: 8080, weight: 80, kind: "Service", group: "" },
      { name: "web-canary", port: 8080, weight: 20, kind: "Service", group: "" },
    ],
  }]);
  h.advance(2000);
  const running = h.list("Pod").filter((p) => status(p)["phase"] === "Running");
  deepEqual(
    running.map((p) => (meta(p)["labels"] as JsonObject)["rollouts.kulta.io/type"]),
    ["canary", "canary", "canary", "canary"],
  );
});

Deno.test("startControllers() waits on pause: {} until kulta.io/promote, which stays", () => {
  const h = harness();
  installCrds(h);
  h.apply(
    rollout(
      canary([{ setWeight: 20, pause: {} }, { setWeight: 50, pause: {} }, { setWeight: 100 }]),
    ),
  );
  equal(status(h.get("Rollout", "web"))["pauseStartTime"], "2026-01-01T00:00:00+00:00");
  h.advance(3_600_000);
  deepEqual(phaseOf(h), ["Progressing", 0, 20]);
  h.patch("Rollout", "web", PROMOTE);
  deepEqual(phaseOf(h), ["Completed", 2, 100], "the stale annotation also promotes the next pause");
  equal((meta(h.get("Rollout", "web"))["annotations"] as JsonObject)["kulta.io/promote"], "true");
});

Deno.test("startControllers() ends timed pauses after their duration", async (t) => {
  for (const [duration, ms] of [["30s", 30_000], ["5m", 300_000], ["1h", 3_600_000]] as const) {
    await t.step(duration, () => {
      const h = harness();
      installCrds(h);
      h.apply(
        rollout(
          canary([{ setWeight: 10, pause: { duration } }, { setWeight: 60 }, { setWeight: 100 }]),
        ),
      );
      h.advance(ms - 1);
      deepEqual(phaseOf(h), ["Progressing", 0, 10]);
      h.advance(1);
      deepEqual(phaseOf(h), ["Progressing", 1, 60]);
      equal(status(h.get("Rollout", "web"))["message"], "Advanced to step 1 (60% traffic)");
    });
  }
});

Deno.test("startControllers() holds a blue-green Rollout in Preview until promoted", () => {
  const h = harness();
  installCrds(h);
  h.apply(route());
  h.apply(rollout({
    blueGreen: {
      activeService: "web",
      previewService: "web-preview",
      trafficRouting: { gatewayAPI: { httpRoute: "web-route" } },
    },
  }, { spec: { progressDeadlineSeconds: 5 } }));
  h.advance(60_000);
  deepEqual(status(h.get("Rollout", "web")), {
    replicas: 4,
    readyReplicas: 0,
    updatedReplicas: 0,
    phase: "Preview",
    message: "Blue-green rollout: preview environment ready, awaiting promotion",
  });
  deepEqual(replicaSets(h), { "web-active": 4, "web-preview": 4 });
  deepEqual(weights(h), ["web=100", "web-preview=0"]);
  h.patch("Rollout", "web", PROMOTE);
  deepEqual(status(h.get("Rollout", "web"))["phase"], "Completed");
  equal(
    status(h.get("Rollout", "web"))["message"],
    "Blue-green rollout completed: preview promoted to active",
  );
  deepEqual(weights(h), ["web=0", "web-preview=100"]);
});

Deno.test("startControllers() fails a canary whose image fails analysis after warmup", () => {
  const h = harness();
  installCrds(h);
  const analysis = { warmupDuration: "1m", metrics: [{ name: "error-rate", threshold: 5 }] };
  h.apply(
    rollout(canary([{ setWeight: 10, pause: {} }, { setWeight: 100 }], { analysis }), {
      image: "web:bad-canary",
    }),
  );
  h.advance(59_999);
  deepEqual(phaseOf(h), ["Progressing", 0, 10]);
  h.advance(1);
  const s = status(h.get("Rollout", "web"));
  deepEqual([s["phase"], s["message"], s["currentStepIndex"]], [
    "Failed",
    "Rollback triggered: metrics exceeded thresholds",
    0,
  ]);
  h.patch("Rollout", "web", PROMOTE);
  h.advance(600_000);
  equal(status(h.get("Rollout", "web"))["phase"], "Failed", "the sandbox holds Failed");
});

Deno.test("startControllers() passes analysis for good images and canaries without metrics", async (t) => {
  const cases = [
    {
      name: "good image",
      image: "web:2.0",
      analysis: { metrics: [{ name: "latency-p95", threshold: 1 }] },
    },
    { name: "no metrics", image: "web:bad-canary", analysis: { warmupDuration: "10s" } },
    {
      name: "custom glob",
      image: "web:bad-canary",
      analysis: { metrics: [{ name: "error-rate", threshold: 1 }] },
      fail: "*:other",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const h = harness(c.fail ? { analysisFailImage: c.fail } : {});
      installCrds(h);
      h.apply(
        rollout(canary([{ setWeight: 50 }, { setWeight: 100 }], { analysis: c.analysis }), {
          image: c.image,
        }),
      );
      h.advance(1000);
      deepEqual(phaseOf(h), ["Completed", 1, 100]);
    });
  }
});

Deno.test("startControllers() fails a Progressing canary after its progress deadline", async (t) => {
  const cases = [
    {
      name: "spec.progressDeadlineSeconds",
      options: {},
      spec: { progressDeadlineSeconds: 60 },
      deadline: 60,
    },
    {
      name: "the option overrides the spec",
      options: { progressDeadlineSeconds: 30 },
      spec: {},
      deadline: 30,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const h = harness(c.options);
      installCrds(h);
      h.apply(
        rollout(canary([{ setWeight: 10, pause: {} }, { setWeight: 100 }]), { spec: c.spec }),
      );
      h.advance(c.deadline * 1000 + 999);
      deepEqual(
        phaseOf(h),
        ["Progressing", 0, 10],
        "KULTA fails only once more whole seconds passed",
      );
      h.advance(1);
      const s = status(h.get("Rollout", "web"));
      deepEqual([s["phase"], s["message"]], [
        "Failed",
        `Progress deadline exceeded: no progress made in ${c.deadline} seconds`,
      ]);
    });
  }
});

Deno.test("startControllers() completes simple Rollouts at once and serves v1beta1 objects", () => {
  const h = harness();
  installCrds(h);
  h.apply(rollout({ simple: {} }, { replicas: 2, apiVersion: "kulta.io/v1beta1" }));
  deepEqual(status(h.get("Rollout", "web")), {
    replicas: 2,
    readyReplicas: 0,
    updatedReplicas: 0,
    phase: "Completed",
    message: "Simple rollout completed: 2 replicas updated",
  });
  deepEqual(replicaSets(h), { web: 2 });
});

Deno.test("startControllers() leaves an invalid Rollout without status or ReplicaSets", () => {
  const h = harness();
  installCrds(h);
  h.apply(rollout(canary([])));
  equal(h.get("Rollout", "web")?.["status"], undefined);
  deepEqual(replicaSets(h), {});
});

Deno.test("startControllers() runs an A/B experiment to Concluded and Completed", () => {
  const h = harness();
  installCrds(h);
  h.apply(rollout({
    abTesting: {
      variantAService: "web-a",
      variantBService: "web-b",
      variantBMatch: { header: { name: "X-Variant", value: "B" } },
      maxDuration: "1h",
    },
  }));
  equal(status(h.get("Rollout", "web"))["phase"], "Experimenting");
  deepEqual(replicaSets(h), { "web-variant-a": 4, "web-variant-b": 4 });
  h.advance(3_600_000);
  const s = status(h.get("Rollout", "web"));
  deepEqual([s["phase"], (s["abExperiment"] as JsonObject)["conclusionReason"]], [
    "Concluded",
    "MaxDurationExceeded",
  ]);
  h.patch("Rollout", "web", PROMOTE);
  equal(status(h.get("Rollout", "web"))["phase"], "Completed");
});
