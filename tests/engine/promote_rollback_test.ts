import { deepEqual, equal, match, rejects } from "node:assert/strict";
import type { DeployEvent } from "../../src/engine/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { imageOf, kultaWorld, phaseOf, webApp, type World } from "../progressive/_world.ts";

const ROLLOUT = {
  apiVersion: "kulta.io/v1alpha1",
  kind: "Rollout",
  namespace: "default",
  name: "web",
};
const PAUSED = [{ setWeight: 20, pause: {} }, { setWeight: 100 }];

function failsWith(code: string, pattern: RegExp) {
  return (e: unknown) => isNopeaError(e) && e.code === code && pattern.test(e.message);
}

function deploy(
  w: World,
  image: string,
  more: Record<string, unknown> = {},
  extra: KubeObject[] = [],
) {
  return w.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: webApp(image, extra),
    ...more,
  });
}

function weightOf(obj: KubeObject | undefined): unknown {
  return (obj?.["status"] as { currentWeight?: number } | undefined)?.currentWeight;
}

Deno.test("engine.promote() completes a blue-green deploy awaiting promotion and removes the annotation", async () => {
  await using w = await kultaWorld();
  const started = await deploy(w, "web:2.0", { strategy: "blue_green" });
  equal(started.status, "progressing");
  const events: DeployEvent[] = [];
  const result = await w.engine.promote({ service: "web" }, { onEvent: (e) => events.push(e) });
  deepEqual([result.deployId, result.status, result.strategy], [
    started.deployId,
    "completed",
    "blue_green",
  ]);
  deepEqual(events.flatMap((e) => e.type === "rollout" ? [e.phase] : []), ["Completed"]);
  const rollout = await w.get("Rollout", "web");
  equal(phaseOf(rollout), "Completed");
  equal(rollout?.metadata.annotations?.["kulta.io/promote"], undefined);
  const history = await w.engine.history({ service: "web" });
  deepEqual(history.map((r) => [r.deployId, r.status]), [[started.deployId, "completed"]]);
  const stats = await w.memory.stats();
  deepEqual([stats.deploys, stats.byStatus.completed, stats.byStatus.progressing], [1, 1, 0]);
});

Deno.test("engine.promote() moves a canary past its pause by deploy id, then removes the annotation", async () => {
  await using w = await kultaWorld();
  const started = await deploy(w, "web:2.0", { strategy: "canary", canarySteps: PAUSED });
  equal(started.status, "progressing");
  equal(weightOf(await w.get("Rollout", "web")), 20);
  const result = await w.engine.promote({ deployId: started.deployId });
  equal(result.status, "completed");
  const rollout = await w.get("Rollout", "web");
  deepEqual([phaseOf(rollout), weightOf(rollout)], ["Completed", 100]);
  equal(rollout?.metadata.annotations?.["kulta.io/promote"], undefined);
  equal((await w.engine.history({ service: "web" }))[0]?.status, "completed");
});

Deno.test("engine.promote() records a Rollout that failed while it waited, without promoting it", async () => {
  await using w = await kultaWorld({ controllers: { progressDeadlineSeconds: 30 } });
  const started = await deploy(w, "web:2.0", { strategy: "canary", canarySteps: PAUSED });
  equal(started.status, "progressing");
  w.h.advance(31_000);
  const result = await w.engine.promote({ service: "web" });
  deepEqual([result.status, result.error?.errorClass], ["failed", "ProgressDeadlineExceeded"]);
  equal((await w.get("Rollout", "web"))?.metadata.annotations?.["kulta.io/promote"], undefined);
  const context = await w.engine.context({ service: "web", namespace: "default" });
  deepEqual(context.failurePatterns.map((p) => p.errorClass), ["ProgressDeadlineExceeded"]);
});

Deno.test("engine.promote() refuses when nothing is progressing", async (t) => {
  await using w = await kultaWorld();
  const done = await deploy(w, "web:1.0", { strategy: "canary" });
  const cases = [
    {
      name: "service done",
      target: { service: "web" },
      error: /nothing is progressing \(its last deploy ".*" completed\)/,
    },
    {
      name: "unknown service",
      target: { service: "api" },
      error: /service "api": memory has no deploy of it/,
    },
    { name: "completed id", target: { deployId: done.deployId }, error: /: it completed$/ },
    {
      name: "unknown id",
      target: { deployId: "01NOPE" },
      error: /memory has no deploy with that id/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await rejects(w.engine.promote(c.target), failsWith("DEPLOY_NOT_FOUND", c.error));
    });
  }
  await rejects(w.engine.promote({}), failsWith("SPEC_INVALID", /name a deploy id or a service/));
});

Deno.test("engine.rollback() re-applies the previous completed deploy through the pipeline", async () => {
  await using w = await kultaWorld();
  const v1 = await deploy(w, "web:1.0");
  await deploy(w, "web:2.0");
  const result = await w.engine.rollback({ service: "web" });
  deepEqual([result.status, result.rollbackOf, result.strategy], [
    "rolledback",
    v1.deployId,
    "direct",
  ]);
  equal(imageOf(await w.get("Deployment", "web")), "web:1.0");
  const [record] = await w.engine.history({ service: "web" });
  deepEqual([record?.deployId, record?.status, record?.rollbackOf], [
    result.deployId,
    "rolledback",
    v1.deployId,
  ]);
  match(
    result.strategyReasons[0] ?? "",
    /rolling back to deploy ".*", which used the direct strategy/,
  );
});

Deno.test("engine.rollback() goes back to a named deploy", async () => {
  await using w = await kultaWorld();
  const v1 = await deploy(w, "web:1.0");
  await deploy(w, "web:2.0");
  await deploy(w, "web:3.0");
  const result = await w.engine.rollback({ service: "web", to: v1.deployId });
  deepEqual([result.status, result.rollbackOf], ["rolledback", v1.deployId]);
  equal(imageOf(await w.get("Deployment", "web")), "web:1.0");
});

Deno.test("engine.rollback() says clearly when there is nothing to roll back to", async (t) => {
  await using w = await kultaWorld();
  await t.step("no deploy at all", async () => {
    await rejects(
      w.engine.rollback({ service: "web" }),
      failsWith("DEPLOY_NOT_FOUND", /service "web": memory has no deploy of it/),
    );
  });
  const only = await deploy(w, "web:1.0");
  await t.step("a single completed deploy", async () => {
    await rejects(
      w.engine.rollback({ service: "web" }),
      failsWith("DEPLOY_NOT_FOUND", /no earlier completed deploy to roll back to/),
    );
  });
  await t.step("an unknown deploy", async () => {
    await rejects(
      w.engine.rollback({ service: "web", to: "01NOPE" }),
      failsWith("DEPLOY_NOT_FOUND", /deploy "01NOPE": memory has no such deploy of it/),
    );
  });
  const failed = await deploy(w, "web:crash");
  await t.step("a failed deploy", async () => {
    await rejects(
      w.engine.rollback({ service: "web", to: failed.deployId }),
      failsWith("SPEC_INVALID", /that deploy failed, it did not complete/),
    );
  });
  await t.step("after a failure, the last completed deploy", async () => {
    const result = await w.engine.rollback({ service: "web" });
    deepEqual([result.status, result.rollbackOf], ["rolledback", only.deployId]);
    equal(imageOf(await w.get("Deployment", "web")), "web:1.0");
  });
});

Deno.test("engine.rollback() ends an in-flight canary as rolledback on the last good template", async () => {
  await using w = await kultaWorld();
  const good = await deploy(w, "web:1.0", { strategy: "canary" });
  const inFlight = await deploy(w, "web:2.0", { strategy: "canary", canarySteps: PAUSED });
  equal(inFlight.status, "progressing");
  const result = await w.engine.rollback({ service: "web" });
  deepEqual([result.deployId, result.status, result.rollbackOf], [
    inFlight.deployId,
    "rolledback",
    good.deployId,
  ]);
  const rollout = await w.get("Rollout", "web");
  deepEqual([imageOf(rollout), phaseOf(rollout)], ["web:1.0", "Completed"]);
  const history = await w.engine.history({ service: "web" });
  deepEqual(history.map((r) => [r.deployId, r.status, r.rollbackOf]), [
    [inFlight.deployId, "rolledback", good.deployId],
    [good.deployId, "completed", undefined],
  ]);
  equal((await w.memory.stats()).deploys, 2);
});

Deno.test("engine.rollback() ends an in-flight blue-green deploy by promoting the good template", async () => {
  await using w = await kultaWorld();
  const good = await deploy(w, "web:1.0");
  const inFlight = await deploy(w, "web:2.0", { strategy: "blue_green" });
  equal(inFlight.status, "progressing");
  const result = await w.engine.rollback({ service: "web" });
  deepEqual([result.status, result.rollbackOf], ["rolledback", good.deployId]);
  const rollout = await w.h.cluster.get(ROLLOUT);
  deepEqual([imageOf(rollout), phaseOf(rollout)], ["web:1.0", "Completed"]);
  equal(rollout?.metadata.annotations?.["kulta.io/promote"], undefined);
});

Deno.test("engine.rollback() keeps a live Secret and refuses one that is gone", async () => {
  await using w = await kultaWorld();
  const secret: KubeObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db" },
    stringData: { password: "hunter2-long" },
  };
  await deploy(w, "web:1.0", {}, [secret]);
  await deploy(w, "web:2.0", {}, [secret]);
  const key = { apiVersion: "v1", kind: "Secret", namespace: "default", name: "db" };
  await w.h.cluster.delete(key);
  await rejects(
    w.engine.rollback({ service: "web" }),
    failsWith("SPEC_INVALID", /Secret "db" in namespace "default" no longer exists/),
  );
  equal(imageOf(await w.get("Deployment", "web")), "web:2.0", "nothing was applied");
  await w.h.cluster.apply({ ...secret, metadata: { name: "db", namespace: "default" } });
  const result = await w.engine.rollback({ service: "web" });
  equal(result.status, "rolledback");
  match(result.warnings[0] ?? "", /Secret "db" in namespace "default" is kept as it is live/);
  equal(imageOf(await w.get("Deployment", "web")), "web:1.0");
});
