import { deepEqual, equal, match, ok } from "node:assert/strict";
import { selectHeal } from "../../src/engine/_heal_selection.ts";
import { configMap, deployment, engineHarness } from "../_engine.ts";

const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };
const CM_KEY = "ConfigMap/default/web-config";

async function deployed() {
  const t = await engineHarness();
  const manifests = [configMap("web-config", { a: "1" }), deployment("web", "example/web:1", 1)];
  const result = await t.engine.deploy({ service: "web", namespace: "default", manifests });
  equal(result.status, "completed");
  return t;
}

const liveData = async (t: Awaited<ReturnType<typeof deployed>>) =>
  (await t.h.cluster.get(CM))?.["data"];

Deno.test("heal() with policy auto takes a manually changed field back and records the deploy", async () => {
  await using t = await deployed();
  await t.h.cluster.patch(CM, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
  const report = await t.engine.heal({ service: "web", policy: "auto" });
  deepEqual(report.healed, [CM_KEY]);
  deepEqual(report.skipped, []);
  equal(report.drift.drifted, 1);
  equal(report.result?.status, "completed");
  deepEqual(report.result?.resources.map((r) => r.key), [CM_KEY]);
  deepEqual(await liveData(t), { a: "1" });
  equal((await t.engine.drift({ service: "web" })).drifted, 0);
  const [latest] = await t.engine.history({ service: "web", limit: 1 });
  equal(latest?.deployId, report.result?.deployId);
  equal(latest?.status, "completed");
});

Deno.test("heal() with policy notify or manual changes nothing and says what it would heal", async (t) => {
  for (const policy of ["notify", "manual"] as const) {
    await t.step(policy, async () => {
      await using h = await deployed();
      await h.h.cluster.patch(CM, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
      const report = await h.engine.heal({ service: "web", policy });
      deepEqual(report.healed, []);
      equal(report.result, undefined);
      equal(report.skipped[0]?.key, CM_KEY);
      match(report.skipped[0]?.reason ?? "", new RegExp(`policy "${policy}": would be re-applied`));
      deepEqual(await liveData(h), { a: "edited" });
      equal((await h.engine.history({ service: "web" })).length, 1);
    });
  }
});

Deno.test("heal() leaves an object annotated nopea.io/suspend-heal alone", async () => {
  await using t = await deployed();
  await t.h.cluster.patch(CM, {
    metadata: { annotations: { "nopea.io/suspend-heal": "true" } },
    data: { a: "break-glass" },
  }, { fieldManager: "kubectl-edit" });
  const report = await t.engine.heal({ service: "web" });
  deepEqual(report.healed, []);
  equal(report.skipped.length, 1);
  match(report.skipped[0]!.reason, /nopea\.io\/suspend-heal: "true" \(break-glass\)/);
  deepEqual(await liveData(t), { a: "break-glass" });
});

Deno.test("heal() waits out the grace period by the time the other manager changed the field", async () => {
  await using t = await deployed();
  await t.h.cluster.patch(CM, { data: { a: "edited" } }, { fieldManager: "kubectl-edit" });
  t.h.clock.advance(60_000);
  const early = await t.engine.heal({ service: "web", graceMs: 300_000 });
  deepEqual(early.healed, []);
  match(early.skipped[0]?.reason ?? "", /drifted 6\ds ago, within the grace period of 300s/);
  deepEqual(await liveData(t), { a: "edited" });
  t.h.clock.advance(300_000);
  const late = await t.engine.heal({ service: "web", graceMs: 300_000 });
  deepEqual(late.healed, [CM_KEY]);
  deepEqual(await liveData(t), { a: "1" });
});

Deno.test("heal() re-creates a deleted object; a dry run only says it would", async () => {
  await using t = await deployed();
  await t.h.cluster.delete(CM);
  const dry = await t.engine.heal({ service: "web", dryRun: true });
  deepEqual(dry.healed, [CM_KEY]);
  equal(dry.result?.dryRun, true);
  equal(await t.h.cluster.get(CM), undefined);
  const report = await t.engine.heal({ service: "web" });
  equal(report.drift.resources.find((r) => r.key === CM_KEY)?.drift, "missing");
  deepEqual(report.healed, [CM_KEY]);
  equal(report.result?.resources[0]?.action, "created");
  deepEqual(await liveData(t), { a: "1" });
});

Deno.test("heal() with nothing drifted re-applies nothing", async () => {
  await using t = await deployed();
  const report = await t.engine.heal({ service: "web" });
  deepEqual([report.healed, report.skipped, report.result], [[], [], undefined]);
  equal(report.drift.drifted, 0);
});

Deno.test("selectHeal() never heals drift that comes from the manifests", () => {
  const cm = configMap("web-config");
  const field = { path: ".data.a", changed: "desired" as const, owners: [] };
  const { heal, skipped } = selectHeal({
    resources: ["desired_changed", "conflict", "new"].map((drift, i) => ({
      drift: drift as "desired_changed" | "conflict" | "new",
      key: `ConfigMap/default/c${i}`,
      fields: [field],
    })),
    live: new Map([["ConfigMap/default/c0", cm]]),
    stored: new Map([["ConfigMap/default/c0", cm]]),
    now: 0,
    graceMs: 0,
    policy: "auto",
  });
  deepEqual(heal, []);
  equal(skipped.length, 3);
  ok(skipped.every((s) => /run "nopea deploy"/.test(s.reason)));
});
