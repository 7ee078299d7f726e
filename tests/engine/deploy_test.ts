import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { configMap, deployment, engineHarness, namespace, service } from "../_engine.ts";

Deno.test("deploy() creates, waits until ready, verifies and remembers", async () => {
  await using t = await engineHarness();
  const manifests = [
    namespace("shop"),
    configMap("web-config"),
    service("web"),
    deployment("web", "example/web:1.0"),
  ];
  const result = await t.engine.deploy({ service: "web", namespace: "shop", manifests });
  equal(result.status, "completed", JSON.stringify(result.error));
  equal(result.strategy, "direct");
  deepEqual(result.resources.map((r) => r.action), ["created", "created", "created", "created"]);
  ok(result.resources.every((r) => r.readiness === "ready"));
  equal(result.verified, true);
  deepEqual(result.drift, []);
  const live = await t.h.cluster.get({
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: "shop",
    name: "web",
  });
  equal(live?.metadata.labels?.["app.kubernetes.io/managed-by"], "nopea");
  equal(live?.metadata.labels?.["nopea.io/service"], "web");
  equal(live?.metadata.annotations?.["nopea.io/deploy-id"], result.deployId);
  const [recorded] = await t.engine.history({ service: "web" });
  equal(recorded?.deployId, result.deployId);
  equal(recorded?.status, "completed");
});

Deno.test("deploy() of the same manifests again changes nothing", async () => {
  await using t = await engineHarness();
  const manifests = [
    namespace("shop"),
    configMap("web-config"),
    deployment("web", "example/web:1.0"),
  ];
  await t.engine.deploy({ service: "web", namespace: "shop", manifests });
  const before = await t.h.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "shop",
    name: "web-config",
  });
  const again = await t.engine.deploy({ service: "web", namespace: "shop", manifests });
  equal(again.status, "completed");
  deepEqual(again.resources.map((r) => r.action), ["unchanged", "unchanged", "unchanged"]);
  equal(again.verified, true);
  deepEqual(again.drift, []);
  const after = await t.h.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "shop",
    name: "web-config",
  });
  equal(after?.metadata.resourceVersion, before?.metadata.resourceVersion);
});

Deno.test("deploy() of a changed object configures it", async () => {
  await using t = await engineHarness();
  await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("c", { a: "1" })],
  });
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("c", { a: "2" })],
  });
  deepEqual(result.resources.map((r) => r.action), ["configured"]);
  const live = await t.h.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "default",
    name: "c",
  });
  deepEqual(live?.["data"], { a: "2" });
});

Deno.test("deploy() fails with ImagePullBackOff after the tolerance window and memory learns it", async () => {
  await using t = await engineHarness({ engine: { podProblemToleranceMs: 5_000 } });
  const result = await t.engine.deploy({
    service: "api",
    namespace: "default",
    manifests: [deployment("api", "example/api:broken")],
  });
  equal(result.status, "failed");
  equal(result.error?.code, "DEPLOY_FAILED");
  equal(result.error?.errorClass, "ImagePullBackOff");
  match(
    result.error?.message ?? "",
    /ImagePullBackOff on pod api-[a-z0-9]+-[a-z0-9]+ container app/,
  );
  const outcome = result.resources[0];
  equal(outcome?.readiness, "failed");
  ok(outcome?.problems?.some((p) => p.reason === "ImagePullBackOff"));
  const context = await t.engine.context({ service: "api", namespace: "default" });
  equal(context.failurePatterns[0]?.errorClass, "ImagePullBackOff");
  equal(context.recommendedStrategy, "canary");
});

Deno.test("deploy() reports CrashLoopBackOff with the exit code", async () => {
  await using t = await engineHarness({ engine: { podProblemToleranceMs: 5_000 } });
  const result = await t.engine.deploy({
    service: "api",
    namespace: "default",
    manifests: [deployment("api", "example/api:crash", 1)],
  });
  equal(result.status, "failed");
  equal(result.error?.errorClass, "CrashLoopBackOff");
  ok(result.resources[0]?.problems?.some((p) => p.exitCode === 1));
});

Deno.test("deploy() fails fast on ProgressDeadlineExceeded", async () => {
  await using t = await engineHarness({
    sandbox: { controllers: { readyDelayMs: 1000, progressDeadlineSeconds: 30 } },
    engine: { podProblemToleranceMs: 3_600_000 },
  });
  const result = await t.engine.deploy({
    service: "api",
    namespace: "default",
    manifests: [deployment("api", "example/api:broken", 1)],
  });
  equal(result.status, "failed");
  equal(result.error?.errorClass, "ProgressDeadlineExceeded");
  ok(result.durationMs < 300_000, "well before the deploy timeout");
});

Deno.test("deploy() timeout names every resource that is not ready and why", async () => {
  await using t = await engineHarness({ sandbox: { controllers: { readyDelayMs: 600_000 } } });
  const result = await t.engine.deploy({
    service: "slow",
    namespace: "default",
    manifests: [deployment("one", "example/one:1"), deployment("two", "example/two:1")],
    timeoutMs: 30_000,
  });
  equal(result.status, "failed");
  equal(result.error?.code, "DEPLOY_TIMEOUT");
  equal(result.error?.errorClass, "Timeout");
  match(result.error?.message ?? "", /Deployment\.apps\/default\/one: .*available/);
  match(result.error?.message ?? "", /Deployment\.apps\/default\/two: .*available/);
  deepEqual(result.resources.map((r) => r.readiness), ["timeout", "timeout"]);
});

Deno.test("deploy() does not force a field owned by another manager, and --force-conflicts does", async () => {
  await using t = await engineHarness();
  await t.h.cluster.apply(configMap("shared", { a: "theirs" }), { fieldManager: "helm" });
  await t.h.cluster.patch(
    { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "shared" },
    { metadata: { labels: { "nopea.io/service": "web" } } },
  );
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("shared", { a: "ours" })],
  });
  equal(result.status, "refused", "nothing changed: the cluster refused the change");
  equal(result.error?.code, "KUBE_CONFLICT");
  match(result.error?.message ?? "", /\.data\.a/);
  match(result.error?.message ?? "", /helm/);
  match(result.error?.hint ?? "", /--force-conflicts/);
  const forced = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("shared", { a: "ours" })],
    forceConflicts: true,
  });
  equal(forced.status, "completed");
});

Deno.test("deploy() does not take over an object another tool manages without adopt", async () => {
  await using t = await engineHarness();
  await t.h.cluster.apply(configMap("legacy"), { fieldManager: "kubectl-client-side-apply" });
  const refused = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("legacy")],
  });
  equal(refused.status, "refused", "nothing changed: Nopea refused to take it over");
  match(refused.error?.message ?? "", /managed by "kubectl-client-side-apply"/);
  match(refused.error?.hint ?? "", /--adopt/);
  const adopted = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("legacy")],
    adopt: true,
  });
  equal(adopted.status, "completed");
});

Deno.test("deploy() interrupted by a cluster fault reports what was applied and what was not", async () => {
  await using t = await engineHarness({
    sandbox: { client: { retries: 1, sleep: () => Promise.resolve() } },
  });
  // The fault starts once the namespace is applied (the wave before all other objects): after
  // the preflight's dry run.
  const fault = { verb: "patch", resource: "deployments", status: 500, count: 100 } as const;
  const result = await t.engine.deploy({
    service: "web",
    namespace: "shop",
    manifests: [
      namespace("shop"),
      configMap("first"),
      deployment("web", "example/web:1"),
      service("web"),
    ],
  }, {
    onEvent: (e) => {
      if (e.type === "applied" && e.outcome.key === "Namespace/shop") {
        t.h.sandbox.server.faults.add(fault);
      }
    },
  });
  equal(result.status, "failed");
  equal(result.error?.code, "KUBE_SERVER_ERROR");
  const actions = Object.fromEntries(result.resources.map((r) => [r.key, r.action]));
  equal(actions["Namespace/shop"], "created");
  equal(actions["Deployment.apps/shop/web"], "failed");
  // Applied at the same time as the Deployment: each was applied or reported as not applied.
  for (const key of ["ConfigMap/shop/first", "Service/shop/web"]) {
    ok(["created", "skipped"].includes(actions[key] ?? ""), `${key}: ${actions[key]}`);
  }
  const failed = result.resources.find((r) => r.action === "failed");
  equal(failed?.error?.code, "KUBE_SERVER_ERROR");
  equal(result.error?.resource, "Deployment.apps/shop/web");
});

Deno.test("deploy() with dryRun changes nothing and remembers nothing", async () => {
  await using t = await engineHarness();
  const result = await t.engine.deploy({
    service: "web",
    namespace: "default",
    manifests: [configMap("dry")],
    dryRun: true,
  });
  equal(result.status, "completed");
  equal(result.dryRun, true);
  equal(
    await t.h.cluster.get({
      apiVersion: "v1",
      kind: "ConfigMap",
      namespace: "default",
      name: "dry",
    }),
    undefined,
  );
  deepEqual(await t.engine.history({ service: "web" }), []);
});

Deno.test("deploy() refuses bad input before applying anything", async (t) => {
  await using h = await engineHarness();
  const cases = [
    {
      name: "unknown kind",
      spec: {
        service: "web",
        manifests: [{ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }],
      },
      code: "KUBE_NOT_FOUND_KIND",
    },
    {
      name: "invalid service name",
      spec: { service: "Web_1", manifests: [configMap("x")] },
      code: "SPEC_INVALID",
    },
    { name: "no manifests", spec: { service: "web", manifests: [] }, code: "SPEC_INVALID" },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await rejects(h.engine.deploy(c.spec), (e) => isNopeaError(e) && e.code === c.code);
    });
  }
  deepEqual(
    await h.h.cluster.list("v1", "ConfigMap", {
      namespace: "default",
      labelSelector: "nopea.io/service",
    }),
    [],
  );
});

Deno.test("deploy() runs one deploy of a service at a time", async () => {
  await using t = await engineHarness();
  const [a, b] = await Promise.all([
    t.engine.deploy({
      service: "web",
      namespace: "default",
      manifests: [deployment("web", "example/web:1")],
    }),
    t.engine.deploy({
      service: "web",
      namespace: "default",
      manifests: [deployment("web", "example/web:2")],
    }),
  ]);
  equal(a.status, "completed");
  equal(b.status, "completed");
  ok(
    Date.parse(b.startedAt) >= Date.parse(a.startedAt) + a.durationMs,
    "the second started after the first ended",
  );
});

Deno.test("deploy() with createNamespace creates the target namespace first", async () => {
  await using t = await engineHarness();
  const refused = await t.engine.deploy({
    service: "web",
    namespace: "fresh",
    manifests: [configMap("c")],
  });
  equal(refused.status, "failed");
  match(refused.error?.message ?? "", /namespaces "fresh" not found/);
  const created = await t.engine.deploy({
    service: "web",
    namespace: "fresh",
    manifests: [configMap("c")],
    createNamespace: true,
  });
  equal(created.status, "completed", JSON.stringify(created.error));
  deepEqual(created.resources.map((r) => r.key), ["Namespace/fresh", "ConfigMap/fresh/c"]);
});

Deno.test("deploy() stopped by its signal while waiting is recorded as interrupted, teaching no failure pattern", async () => {
  await using t = await engineHarness({ sandbox: { controllers: { readyDelayMs: 600_000 } } });
  const stop = new AbortController();
  const result = await t.engine.deploy(
    { service: "web", namespace: "default", manifests: [deployment("web", "example/web:1")] },
    {
      signal: stop.signal,
      onEvent: (e) => {
        if (e.type === "waiting") stop.abort();
      },
    },
  );
  equal(result.status, "failed");
  equal(result.error?.code, "DEPLOY_INTERRUPTED");
  match(result.error?.message ?? "", /Interrupted while waiting for 1 resource/);
  equal(result.resources[0]?.action, "created");
  const context = await t.engine.context({ service: "web", namespace: "default" });
  deepEqual(context.failurePatterns, []);
  equal((await t.engine.history({ service: "web" }))[0]?.error?.errorClass, "Interrupted");
});

Deno.test("deploy() stopped by its signal while applying reports what was not applied", async () => {
  await using t = await engineHarness();
  const stop = new AbortController();
  stop.abort();
  const result = await t.engine.deploy(
    { service: "web", namespace: "default", manifests: [configMap("a"), configMap("b")] },
    { signal: stop.signal },
  );
  equal(result.error?.code, "DEPLOY_INTERRUPTED");
  deepEqual(result.resources.map((r) => r.action), ["skipped", "skipped"]);
});
