import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { createEngine, type Engine } from "../../src/engine/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { deployment, namespace } from "../_engine.ts";

const refusesString = (e: unknown) =>
  isNopeaError(e) && e.code === "SPEC_INVALID" &&
  /takes an object, got the string "web"/.test(e.message) &&
  e.hint === 'Pass { service: "web" }';

Deno.test('engine.context("web") throws SPEC_INVALID telling to pass { service: "web" }', async () => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  await rejects(engine.context("web" as never), (e) => {
    ok(refusesString(e), String(e));
    ok(isNopeaError(e) && e.message.includes("Cannot run context"));
    return true;
  });
});

Deno.test("every operation taking a request refuses a bare service name, naming the operation", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  const operations: [string, (e: Engine) => Promise<unknown>][] = [
    ["context", (e) => e.context("web" as never)],
    ["explain", (e) => e.explain("web" as never)],
    ["history", (e) => e.history("web" as never)],
    ["status", (e) => e.status("web" as never)],
    ["rollback", (e) => e.rollback("web" as never)],
    ["drift", (e) => e.drift("web" as never)],
    ["heal", (e) => e.heal("web" as never)],
    ["unlock", (e) => e.unlock("web" as never)],
  ];
  for (const [name, call] of operations) {
    await t.step(name, async () => {
      await rejects(call(engine), (e) => {
        ok(refusesString(e), String(e));
        ok(isNopeaError(e) && e.message.includes(`Cannot run ${name}`), String(e));
        return true;
      });
    });
  }
});

Deno.test("an operation without a service is SPEC_INVALID with an example", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  for (const request of [{}, { service: "" }, null]) {
    await t.step(JSON.stringify(request), async () => {
      await rejects(
        engine.history(request as never),
        (e) =>
          isNopeaError(e) && e.code === "SPEC_INVALID" && e.message.includes("no service given") &&
          (e.hint ?? "").includes('{ service: "web" }'),
      );
    });
  }
});

Deno.test("context() takes the namespace and canary threshold per call, else the engine's", async () => {
  await using deps = await testDeps();
  let asked = 0;
  const engine = createEngine(deps, {
    canaryThreshold: 0.9,
    podProblemToleranceMs: 5_000,
    defaultNamespace: () => {
      asked++;
      return "shop";
    },
  });
  await deps.cluster.apply(namespace("shop"), { fieldManager: "test" });
  const broken = await engine.deploy({
    service: "web",
    manifests: [deployment("web", "example/web:broken", 1)],
  });
  equal(broken.namespace, "shop", "the default namespace function is asked");
  equal(broken.status, "failed");
  const fixed = await engine.deploy({
    service: "web",
    manifests: [deployment("web", "example/web:1", 1)],
  });
  equal(fixed.status, "completed", JSON.stringify(fixed.error));
  const byEngine = await engine.context({ service: "web" });
  equal(byEngine.namespace, "shop");
  equal(byEngine.recommendedStrategy, "direct", "one old failure is below the engine's 0.9");
  const before = asked;
  equal((await engine.context({ service: "api" })).namespace, "shop", "an unknown service");
  equal(asked, before + 1, "the default namespace function is asked each time");
  const perCall = await engine.context({ service: "web", namespace: "prod", canaryThreshold: 0.1 });
  equal(asked, before + 1, "not asked when the namespace is given");
  equal(perCall.namespace, "prod");
  equal(perCall.recommendedStrategy, "canary", "one old failure is above 0.1");
  const explained = await engine.explain({ service: "web", canaryThreshold: 0.1 });
  equal(explained.recommendedStrategy, "canary");
  deepEqual(
    (await engine.history({ service: "web", status: "completed" })).map((r) => r.deployId),
    [fixed.deployId],
  );
  deepEqual(
    (await engine.history({ service: "web", limit: 1 })).map((r) => r.deployId),
    [fixed.deployId],
  );
});
