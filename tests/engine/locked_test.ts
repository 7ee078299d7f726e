import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { createEngine, type Engine } from "../../src/engine/mod.ts";
import type { ClusterPort } from "../../src/kube/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { memoryLogger, seqIds } from "../../src/testing/mod.ts";
import { configMap, deployment, type EngineHarness, engineHarness } from "../_engine.ts";
import { LEASE, putLease, racing } from "../lock/_leases.ts";

/** Another engine on the harness's cluster and clock, as another machine would run. */
function engineOn(
  t: EngineHarness,
  identity: string,
  ports: { cluster?: ClusterPort; sleep?: (ms: number) => Promise<void> } = {},
  options: { lockTtlMs?: number } = {},
): Engine {
  const { clock } = t.h;
  return createEngine({
    cluster: ports.cluster ?? t.h.cluster,
    memory: createMemory(new InMemoryMemoryStore(), { clock, ids: seqIds(`01OC${identity}`) }),
    clock,
    ids: seqIds(`01D${identity.toUpperCase()}`),
    log: memoryLogger(),
    sleep: ports.sleep ?? t.h.sleep,
  }, { lockIdentity: `host-${identity}/1`, ...options });
}

const isInProgress = (e: unknown) => isNopeaError(e) && e.code === "DEPLOY_IN_PROGRESS";

Deno.test("deploy() holds the Lease nopea-<service> while it runs and removes it after", async () => {
  await using t = await engineHarness();
  const holders: unknown[] = [];
  const engine = engineOn(t, "a", {
    sleep: async (ms) => {
      holders.push((await t.h.cluster.get(LEASE))?.["spec"]);
      await t.h.sleep(ms);
    },
  });
  const result = await engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [deployment("web", "example/web:1")],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  ok(holders.length > 0);
  const spec = holders[0] as Record<string, unknown>;
  equal(spec["holderIdentity"], `host-a/1/${result.deployId}`);
  equal(spec["leaseDurationSeconds"], 60);
  ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(String(spec["renewTime"])));
  equal(await t.h.cluster.get(LEASE), undefined);
});

Deno.test("deploy() refuses while another machine holds a fresh Lease, applying nothing, recorded as refused", async () => {
  await using t = await engineHarness();
  await putLease(t.h.cluster, "ci-runner/42/01OTHER", t.h.clock.now() - 10_000);
  const manifests = [configMap("web-config")];
  await rejects(t.engine.deploy({ service: "web", namespace: "default", manifests }), (e) => {
    ok(isInProgress(e));
    ok(isNopeaError(e) && e.message.startsWith('Service "web" is being deployed by ci-runner/42/'));
    ok(isNopeaError(e) && e.message.includes('(lease "nopea-web" in namespace "default"'));
    ok(isNopeaError(e) && e.hint?.includes("nopea unlock web -n default"));
    return true;
  });
  const cm = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web-config" };
  equal(await t.h.cluster.get(cm), undefined);
  const history = await t.engine.history({ service: "web" });
  deepEqual(
    history.map((r) => [r.status, r.error?.code]),
    [["refused", "DEPLOY_IN_PROGRESS"]],
    "a refusal is remembered as what it is: nothing was deployed",
  );
  const context = await t.engine.context({ service: "web", namespace: "default" });
  deepEqual(context.failurePatterns, [], "a refusal is no failure of the service");
  equal(context.dora.changeFailureRate, null);
  const dry = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests,
    dryRun: true,
  });
  equal(dry.status, "completed", "a dry run takes no lock");
});

Deno.test("deploy() takes over an expired Lease", async () => {
  await using t = await engineHarness();
  await putLease(t.h.cluster, "gone-runner/7/01GONE", t.h.clock.now() - 61_000);
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("web-config")],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  equal(await t.h.cluster.get(LEASE), undefined);
});

Deno.test("deploy() into a namespace it creates runs without a Lease", async () => {
  await using t = await engineHarness();
  const result = await t.engine.deploy({
    service: "web",
    namespace: "fresh",
    createNamespace: true,
    manifests: [configMap("web-config")],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  deepEqual(result.warnings, []);
});

Deno.test("two engines racing for a Lease: exactly one deploys", async (c) => {
  for (const [name, renewedAgo] of [["expired", 120_000], ["absent", undefined]] as const) {
    await c.step(`the Lease ${name}`, async () => {
      await using t = await engineHarness();
      if (renewedAgo !== undefined) {
        await putLease(t.h.cluster, "gone-runner/7/01GONE", t.h.clock.now() - renewedAgo);
      }
      let arrived = 0;
      let open = () => {};
      const opened = new Promise<void>((resolve) => open = resolve);
      const arrive = async () => {
        if (++arrived === 2) open();
        await opened;
      };
      const engines = ["a", "b"].map((id) =>
        engineOn(t, id, { cluster: racing(t.h.cluster, arrive) })
      );
      const outcomes = await Promise.allSettled(
        engines.map((e) =>
          e.deploy({ service: "web", namespace: "default", manifests: [configMap("web-config")] })
        ),
      );
      equal(outcomes.filter((o) => o.status === "fulfilled").length, 1);
      const lost = outcomes.filter((o) => o.status === "rejected");
      equal(lost.length, 1);
      ok(isInProgress(lost[0]?.reason), String(lost[0]?.reason));
    });
  }
});

Deno.test("rollback() takes the deploy lock too", async () => {
  await using t = await engineHarness();
  for (const value of ["1", "2"]) {
    await t.engine.deploy({
      service: "web",
      namespace: "default",
      manifests: [configMap("web-config", { a: value })],
    });
  }
  await putLease(t.h.cluster, "ci-runner/42/01OTHER", t.h.clock.now());
  await rejects(t.engine.rollback({ service: "web" }), isInProgress);
  equal((await t.engine.history({ service: "web" })).length, 2);
});

Deno.test("a long wait renews the Lease every third of its duration", async () => {
  await using t = await engineHarness({ sandbox: { controllers: { readyDelayMs: 20_000 } } });
  const renewals = new Set<string>();
  const acquired = new Set<string>();
  const engine = engineOn(t, "a", {
    sleep: async (ms) => {
      const spec = (await t.h.cluster.get(LEASE))?.["spec"] as Record<string, string> | undefined;
      if (spec) {
        renewals.add(spec["renewTime"]!);
        acquired.add(spec["acquireTime"]!);
      }
      await t.h.sleep(ms);
    },
  }, { lockTtlMs: 3_000 });
  const result = await engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [deployment("web", "example/web:1")],
  });
  equal(result.status, "completed", JSON.stringify(result.error));
  ok(renewals.size >= 3, `renewTime moved: ${[...renewals].join(", ")}`);
  equal(acquired.size, 1);
  equal(await t.h.cluster.get(LEASE), undefined);
});

Deno.test("engine.unlock() removes the Lease of the namespace asked, else of the default one", async (c) => {
  await using t = await engineHarness();
  await c.step("a fresh Lease is refused without force, naming its holder", async () => {
    await putLease(t.h.cluster, "ci-runner/42/01OTHER", t.h.clock.now());
    await rejects(t.engine.unlock({ service: "web", namespace: "default" }), (e) => {
      ok(isInProgress(e));
      ok(isNopeaError(e) && e.message.includes("ci-runner/42/01OTHER"));
      return true;
    });
    ok(await t.h.cluster.get(LEASE));
  });
  await c.step("force removes it", async () => {
    const result = await t.engine.unlock({ service: "web", namespace: "default", force: true });
    deepEqual(result, {
      service: "web",
      namespace: "default",
      lease: "nopea-web",
      removed: true,
      holder: "ci-runner/42/01OTHER",
      fresh: true,
    });
    equal(await t.h.cluster.get(LEASE), undefined);
  });
  await c.step("no Lease: nothing removed", async () => {
    equal((await t.engine.unlock({ service: "web" })).removed, false);
  });
  await c.step("an expired Lease in the default namespace is removed without force", async () => {
    await putLease(t.h.cluster, "gone/1/01GONE", t.h.clock.now() - 61_000);
    const result = await t.engine.unlock({ service: "web" });
    equal(result.namespace, "default");
    equal(result.removed, true);
  });
});
