import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import type { DeployEvent } from "../../src/engine/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { imageOf, kultaWorld, phaseOf, webApp } from "../progressive/_world.ts";

const BAD_ANALYSIS = { metrics: [{ name: "error-rate", threshold: 5 }] } as const;

function selectorOf(obj: KubeObject | undefined): unknown {
  return (obj?.["spec"] as { selector?: unknown } | undefined)?.selector;
}

Deno.test("engine.deploy() runs a canary through KULTA to completion", async () => {
  await using w = await kultaWorld();
  const events: DeployEvent[] = [];
  const result = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:1.0"),
    strategy: "canary",
  }, { onEvent: (e) => events.push(e) });
  equal(result.status, "completed");
  equal(result.strategy, "canary");
  equal(result.verified, true);
  deepEqual(
    events.flatMap((e) => e.type === "rollout" ? [[e.phase, e.step, e.weight]] : []),
    [["Progressing", 0, 10], ["Progressing", 1, 25], ["Progressing", 2, 50], ["Completed", 3, 100]],
  );
  deepEqual(result.resources.map((r) => [r.key, r.readiness]), [
    ["Service/default/web", "ready"],
    ["Service/default/web-canary", "ready"],
    ["Rollout.kulta.io/default/web", "ready"],
  ]);
  const rollout = await w.get("Rollout", "web");
  equal(phaseOf(rollout), "Completed");
  equal(imageOf(rollout), "web:1.0");
  equal(await w.get("Deployment", "web"), undefined, "the Rollout replaces the Deployment");
  deepEqual(selectorOf(await w.get("Service", "web-canary")), {
    app: "web",
    "rollouts.kulta.io/type": "canary",
  });
  const [record] = await w.engine.history({ service: "web" });
  deepEqual([record?.deployId, record?.status, record?.strategy], [
    result.deployId,
    "completed",
    "canary",
  ]);
});

Deno.test("engine.deploy() leaves a blue-green deploy progressing while it awaits promotion", async () => {
  await using w = await kultaWorld();
  const result = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:1.0"),
    strategy: "blue_green",
  });
  equal(result.status, "progressing");
  match(result.warnings.join("\n"), /waits for promotion \(Preview\): run "nopea promote web"/);
  equal(result.resources.at(-1)?.readiness, "progressing");
  equal(phaseOf(await w.get("Rollout", "web")), "Preview");
  equal((await w.engine.history({ service: "web" }))[0]?.status, "progressing");
});

Deno.test("engine.deploy() records a canary that fails KULTA's analysis as a failure of the service", async () => {
  await using w = await kultaWorld();
  const result = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:bad-canary"),
    strategy: "canary",
    analysis: BAD_ANALYSIS,
  });
  equal(result.status, "failed");
  equal(result.error?.code, "DEPLOY_FAILED");
  equal(result.error?.errorClass, "RolloutFailed");
  match(result.error?.message ?? "", /Rollback triggered: metrics exceeded thresholds/);
  match(result.error?.hint ?? "", /nopea rollback web/);
  equal((await w.engine.history({ service: "web" }))[0]?.status, "failed");
  const context = await w.engine.context({ service: "web", namespace: "default" });
  deepEqual(context.failurePatterns.map((p) => p.errorClass), ["RolloutFailed"]);
});

Deno.test("engine.deploy() fails a canary whose progress deadline passes", async () => {
  await using w = await kultaWorld({ controllers: { progressDeadlineSeconds: 30 } });
  const result = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:1.0"),
    strategy: "canary",
    canarySteps: [{ setWeight: 10, pause: { duration: "5m" } }, { setWeight: 100 }],
  });
  equal(result.status, "failed");
  equal(result.error?.errorClass, "ProgressDeadlineExceeded");
  match(result.error?.message ?? "", /Progress deadline exceeded: no progress made in 30 seconds/);
});

Deno.test("engine.deploy() fails with Timeout when the Rollout outlasts the monitor", async () => {
  await using w = await kultaWorld({ engine: { rolloutMaxMs: 20_000, rolloutPollMs: 5000 } });
  const result = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:1.0"),
    strategy: "canary",
    canarySteps: [{ setWeight: 10, pause: { duration: "1h" } }, { setWeight: 100 }],
  });
  equal(result.status, "failed");
  equal(result.error?.code, "DEPLOY_TIMEOUT");
  equal(result.error?.errorClass, "Timeout");
  match(result.error?.message ?? "", /Timed out after 20s following Rollout "web".*step 1 of 2/);
  equal(result.durationMs, 20_000);
  equal((await w.engine.history({ service: "web" }))[0]?.error?.errorClass, "Timeout");
});

Deno.test("engine.deploy() with wait: false returns progressing once the Rollout is applied", async () => {
  await using w = await kultaWorld();
  const result = await w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp("web:1.0"),
    strategy: "canary",
    wait: false,
  });
  equal(result.status, "progressing");
  equal(result.durationMs, 0);
  equal(phaseOf(await w.get("Rollout", "web")), "Progressing");
  equal((await w.engine.history({ service: "web" }))[0]?.status, "progressing");
});

Deno.test("engine.deploy() restarts KULTA for a new revision without a stale promote annotation", async () => {
  await using w = await kultaWorld();
  const spec = { service: "web", namespace: "default", strategy: "canary" } as const;
  equal((await w.engine.deploy({ ...spec, manifests: webApp("web:1.0") })).status, "completed");
  const key = {
    apiVersion: "kulta.io/v1alpha1",
    kind: "Rollout",
    namespace: "default",
    name: "web",
  };
  await w.h.cluster.patch(key, { metadata: { annotations: { "kulta.io/promote": "true" } } });
  const result = await w.engine.deploy({
    ...spec,
    manifests: webApp("web:2.0"),
    canarySteps: [{ setWeight: 20, pause: {} }, { setWeight: 100 }],
  });
  equal(result.status, "progressing", "the new revision starts over and stops at its pause");
  match(result.warnings[0] ?? "", /Removed a stale "kulta.io\/promote" annotation/);
  const rollout = await w.get("Rollout", "web");
  deepEqual((rollout?.["status"] as Record<string, unknown>)["currentWeight"], 20);
  equal(rollout?.metadata.annotations?.["kulta.io/promote"], undefined);
});

Deno.test("engine.deploy() refuses a progressive plan without a Deployment", async () => {
  await using w = await kultaWorld();
  await rejects(
    w.engine.deploy({
      service: "web",
      namespace: "default",
      manifests: webApp("web:1.0").slice(0, 1),
      strategy: "canary",
    }),
    (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && /hold no Deployment/.test(e.message),
  );
  equal(await w.get("Service", "web"), undefined);
});

Deno.test("engine.deploy() refuses an explicit canary with KULTA_NOT_INSTALLED when KULTA is missing", async () => {
  await using w = await kultaWorld({ kulta: false });
  await rejects(
    w.engine.deploy({
      service: "web",
      namespace: "default",
      manifests: webApp("web:1.0"),
      strategy: "canary",
    }),
    (e) =>
      isNopeaError(e) && e.code === "KULTA_NOT_INSTALLED" && /Install KULTA/.test(e.hint ?? ""),
  );
  equal(await w.get("Deployment", "web"), undefined, "no silent fallback to direct");
  deepEqual(
    await w.engine.history({ service: "web" }),
    [],
    "an input error is not a deploy to remember",
  );
});

Deno.test("engine.deploy() deploys as canary after a failed deploy, and explain says why", async () => {
  await using w = await kultaWorld();
  const spec = { service: "web", namespace: "default" } as const;
  const crashed = await w.engine.deploy({ ...spec, manifests: webApp("web:crash") });
  deepEqual([crashed.strategy, crashed.status, crashed.error?.errorClass], [
    "direct",
    "failed",
    "CrashLoopBackOff",
  ]);
  const explanation = await w.engine.explain({ service: "web" });
  equal(explanation.recommendedStrategy, "canary");
  match(
    explanation.sentences.at(-1) ?? "",
    /Recommended strategy: canary, because "web" failed with CrashLoopBackOff/,
  );
  const result = await w.engine.deploy({ ...spec, manifests: webApp("web:2.0") });
  equal(result.strategy, "canary");
  equal(result.status, "completed");
  match(result.strategyReasons[0] ?? "", /"web" failed with CrashLoopBackOff before/);
  ok(await w.get("Rollout", "web"));
  match(result.warnings.join("\n"), /Deployment "web" from an earlier deploy still runs/);
  const after = await w.engine.explain({ service: "web" });
  match(
    after.sentences.join(" "),
    /last one \(01DEPLOY0+2\) completed .* with the canary strategy/,
  );
  equal(
    after.recommendedStrategy,
    "direct",
    "the canary went through: its last deploy did not fail",
  );
});

Deno.test("engine.deploy() falls back to direct, and says so, when memory chose canary without KULTA", async () => {
  await using w = await kultaWorld({ kulta: false });
  const spec = { service: "web", namespace: "default" } as const;
  await w.engine.deploy({ ...spec, manifests: webApp("web:crash") });
  const result = await w.engine.deploy({ ...spec, manifests: webApp("web:2.0") });
  equal(result.strategy, "direct");
  equal(result.status, "completed");
  match(
    result.strategyReasons.at(-1) ?? "",
    /KULTA is not installed .* deployed directly instead of by canary/,
  );
  match(result.warnings.join("\n"), /KULTA is not installed/);
  equal(imageOf(await w.get("Deployment", "web")), "web:2.0");
});
