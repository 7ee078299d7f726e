import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { contextOperation, historyOperation } from "../../src/surface/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { configMap, deployBody, deployment, gatedEngine, post, sample } from "./_helpers.ts";

Deno.test("createHttpApp() deploys and answers the operations' own outputs", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  const app = createHttpApp(engine);
  await t.step("a completed deploy is 200 with the deploy result", async () => {
    const res = await app.request("/api/deploy", post(deployBody("web", [configMap("web")])));
    equal(res.status, 200);
    const result = await res.json();
    equal(result.status, "completed");
    equal(result.service, "web");
  });
  await t.step("a failed deploy is 200 with status failed", async () => {
    const res = await app.request(
      "/api/deploy",
      post(deployBody("api", [deployment("api", "registry.local/api:broken")])),
    );
    equal(res.status, 200);
    const result = await res.json();
    equal(result.status, "failed");
    ok(result.error?.code);
  });
  await t.step("YAML text manifests are accepted", async () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: docs\ndata:\n  a: '1'\n";
    const res = await app.request("/api/deploy", post(deployBody("docs", yaml)));
    equal(res.status, 200);
    equal((await res.json()).status, "completed");
  });
  await t.step("diff answers the plan without changing anything", async () => {
    const res = await app.request("/api/diff", post(deployBody("web", [configMap("web")])));
    equal(res.status, 200);
    equal((await res.json()).changes, 0);
  });
  await t.step("context is exactly the operation's output", async () => {
    const res = await app.request("/api/context/web");
    equal(res.status, 200);
    const direct = await contextOperation.run(engine, { service: "web" }, { cwd: "." });
    deepEqual(await res.json(), JSON.parse(JSON.stringify(direct)));
  });
  await t.step("history filters by query and paginates with the cursor", async () => {
    await app.request("/api/deploy", post(deployBody("web", [configMap("web")])));
    const first = await (await app.request("/api/history/web?limit=1")).json();
    equal(first.deploys.length, 1);
    ok(first.nextCursor);
    const next = await (await app.request(`/api/history/web?limit=1&cursor=${first.nextCursor}`))
      .json();
    equal(next.deploys.length, 1);
    const direct = await historyOperation.run(engine, { service: "web", limit: 1 }, { cwd: "." });
    deepEqual(first, JSON.parse(JSON.stringify(direct)));
    const failed = await (await app.request("/api/history/api?status=failed")).json();
    deepEqual(failed.deploys.map((d: { status: string }) => d.status), ["failed"]);
  });
  await t.step("services lists every deployed service", async () => {
    const body = await (await app.request("/api/services")).json();
    deepEqual(body.services.map((s: { service: string }) => s.service).sort(), [
      "api",
      "docs",
      "web",
    ]);
  });
  await t.step("the status of an unknown service is 404 SERVICE_NOT_FOUND", async () => {
    const res = await app.request("/api/status/nobody");
    equal(res.status, 404);
    equal((await res.json()).code, "SERVICE_NOT_FOUND");
  });
  await t.step("a manifest error is 400", async () => {
    const bad = { apiVersion: "v1", kind: "ConfigMap", metadata: {} };
    const res = await app.request("/api/deploy", post(deployBody("web", [bad])));
    equal(res.status, 400);
    match((await res.json()).code, /^MANIFEST_/);
  });
});

Deno.test("createHttpApp() answers 409 to a second deploy of a service already deploying", async (t) => {
  await using deps = await testDeps();
  const gated = gatedEngine(createEngine(deps));
  const app = createHttpApp(gated.engine);
  const body = deployBody("web", [configMap("web")]);
  const first = app.request("/api/deploy", post(body));
  await gated.entered;
  await t.step("the second deploy of the service is 409 DEPLOY_IN_PROGRESS", async () => {
    const res = await app.request("/api/deploy", post(body));
    equal(res.status, 409);
    const error = await res.json();
    equal(error.code, "DEPLOY_IN_PROGRESS");
    deepEqual(error.details, { service: "web" });
  });
  await t.step("the active deploys gauge counts the running deploy", async () => {
    const metrics = await (await app.request("/metrics")).text();
    equal(sample(metrics, "nopea_active_deploys"), 1);
  });
  await t.step("another service is not refused, and both complete", async () => {
    const other = app.request("/api/deploy", post(deployBody("api", [configMap("api")])));
    gated.open();
    const [a, b] = await Promise.all([first, other]);
    deepEqual([a.status, b.status], [200, 200]);
    deepEqual([(await a.json()).status, (await b.json()).status], ["completed", "completed"]);
  });
  await t.step("once the first ended the service can be deployed again", async () => {
    const res = await app.request("/api/deploy", post(body));
    equal(res.status, 200);
    await res.body?.cancel();
  });
  await t.step("a deploy that fails on bad input releases the service too", async () => {
    const bad = await app.request("/api/deploy", post(deployBody("web", ["kind: [unclosed"])));
    equal(bad.status, 400);
    await bad.body?.cancel();
    const res = await app.request("/api/deploy", post(body));
    equal(res.status, 200);
    await res.body?.cancel();
  });
});

Deno.test("createHttpApp() /metrics exposes Prometheus text with process metrics", async () => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { clock: deps.clock });
  await app.request("/api/deploy", post(deployBody("web", [configMap("web")])));
  await app.request(
    "/api/deploy",
    post(deployBody("api", [deployment("api", "r.local/a:broken")])),
  );
  await app.request("/api/deploy", {
    ...post({ ...deployBody("web", [configMap("web")]), dryRun: true }),
  });
  await app.request("/api/context/web");
  await app.request("/nowhere");
  const res = await app.request("/metrics");
  equal(res.status, 200);
  match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const expected: [string, number][] = [
    ['nopea_deploys_total{status="completed",strategy="direct"}', 1],
    ['nopea_deploys_total{status="failed",strategy="direct"}', 1],
    ['nopea_deploy_duration_seconds_bucket{le="+Inf"}', 2],
    ["nopea_deploy_duration_seconds_count", 2],
    ['nopea_memory_query_duration_seconds_bucket{le="0.001"}', 1],
    ["nopea_memory_query_duration_seconds_count", 1],
    ["nopea_drift_fields_total", 0],
    ["nopea_active_deploys", 0],
    ['nopea_http_requests_total{route="/api/deploy",code="200"}', 3],
    ['nopea_http_requests_total{route="/api/context/:service",code="200"}', 1],
    ['nopea_http_requests_total{route="unmatched",code="404"}', 1],
  ];
  for (const [series, value] of expected) equal(sample(text, series), value, series);
  for (const type of ["counter", "histogram", "gauge"]) {
    match(text, new RegExp(`# TYPE \\S+ ${type}`));
  }
  for (const line of text.trimEnd().split("\n").filter((l) => l !== "")) {
    match(
      line,
      /^(# (HELP|TYPE) \w+ .+|\w+(\{(\w+="[^"]*",?)+\})? (-?[\d.e+-]+|[+-]?Inf|Nan))$/,
      line,
    );
  }
  for (const series of ["process_cpu_seconds_total", "process_resident_memory_bytes"]) {
    ok((sample(text, series) ?? 0) > 0, `process metric ${series}`);
  }
});
