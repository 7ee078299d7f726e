import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { NopeaError } from "../../src/shared/mod.ts";
import { memoryLogger, testDeps } from "../../src/testing/mod.ts";
import { configMap, deployBody, failingEngine, post } from "./_helpers.ts";

Deno.test("createHttpApp() checks the key when one is set", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: "s3cret-key" });
  const cases = [
    { name: "a missing key is 401", path: "/api/services", headers: {}, status: 401 },
    {
      name: "a wrong key is 401",
      path: "/api/services",
      headers: { "x-api-key": "nope" },
      status: 401,
    },
    {
      name: "a wrong key of the same length is 401",
      path: "/api/services",
      headers: { "x-api-key": "s3cret-kez" },
      status: 401,
    },
    {
      name: "the right key passes",
      path: "/api/services",
      headers: { "x-api-key": "s3cret-key" },
      status: 200,
    },
    { name: "/health needs no key", path: "/health", headers: {}, status: 200 },
    { name: "/ready needs no key", path: "/ready", headers: {}, status: 200 },
    { name: "/metrics needs no key", path: "/metrics", headers: {}, status: 200 },
    { name: "an unknown route without a key is 401", path: "/nope", headers: {}, status: 401 },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const res = await app.request(c.path, { headers: c.headers });
      equal(res.status, c.status);
      const body = await res.text();
      if (c.status >= 400) equal(JSON.parse(body).code, "SPEC_INVALID");
    });
  }
  await t.step("without a key configured every request passes", async () => {
    const open = createHttpApp(createEngine(deps));
    equal((await open.request("/api/services")).status, 200);
  });
});

Deno.test("createHttpApp() refuses bad requests with 400, 404, 405, 413 and 415", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { bodyLimit: 1024 });
  const big = JSON.stringify(
    deployBody("web", [{ ...configMap("web"), data: { a: "x".repeat(2048) } }]),
  );
  const cases: {
    name: string;
    path: string;
    init?: RequestInit;
    status: number;
    message: RegExp;
  }[] = [
    {
      name: "malformed JSON",
      path: "/api/deploy",
      init: post("{nope"),
      status: 400,
      message: /not valid JSON/,
    },
    {
      name: "a body that is not an object",
      path: "/api/diff",
      init: post("[1]"),
      status: 400,
      message: /expected a JSON object, got an array/,
    },
    {
      name: "a body failing the schema",
      path: "/api/deploy",
      init: post({ service: "Bad_Name" }),
      status: 400,
      message: /Invalid input for deploy: service: must be a DNS-1123 label/,
    },
    {
      name: "an unknown field",
      path: "/api/services?colour=red",
      status: 400,
      message: /Unrecognized key/,
    },
    {
      name: "a query value of the wrong type",
      path: "/api/history/web?limit=many",
      status: 400,
      message: /limit: Expected number/,
    },
    {
      name: "manifests as server file paths",
      path: "/api/deploy",
      init: post(deployBody("web", ["/etc/hostname"])),
      status: 400,
      message: /file paths are not accepted over HTTP/,
    },
    {
      name: "an unknown route",
      path: "/api/nothing",
      status: 404,
      message: /^No route GET \/api\/nothing$/,
    },
    {
      name: "a POST to a GET route",
      path: "/api/history/web",
      init: post({}),
      status: 405,
      message: /^Method POST is not allowed on \/api\/history\/web$/,
    },
    {
      name: "a PUT to a POST route",
      path: "/api/deploy",
      init: { method: "PUT" },
      status: 405,
      message: /^Method PUT is not allowed on \/api\/deploy$/,
    },
    {
      name: "a text/plain body",
      path: "/api/deploy",
      init: post(deployBody("web", [configMap("web")]), { "content-type": "text/plain" }),
      status: 415,
      message: /must be JSON, got content-type "text\/plain"/,
    },
    {
      name: "a form body",
      path: "/api/heal",
      init: post("service=web", { "content-type": "application/x-www-form-urlencoded" }),
      status: 415,
      message: /must be JSON, got content-type "application\/x-www-form-urlencoded"/,
    },
    {
      name: "a body without a content-type",
      path: "/api/deploy",
      init: { method: "POST", body: new Blob([JSON.stringify(deployBody("web", []))]) },
      status: 415,
      message: /must be JSON, got no content-type/,
    },
    {
      name: "an oversized body with content-length",
      path: "/api/deploy",
      init: post(big, { "content-length": String(big.length) }),
      status: 413,
      message: /too large: the limit is 1024 bytes/,
    },
    {
      name: "an oversized streamed body",
      path: "/api/deploy",
      init: {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: ReadableStream.from([new TextEncoder().encode(big)]),
      },
      status: 413,
      message: /too large/,
    },
  ];
  for (const c of cases) {
    await t.step(`${c.name} is ${c.status}`, async () => {
      const res = await app.request(c.path, c.init);
      equal(res.status, c.status);
      const body = await res.json();
      equal(body.code, "SPEC_INVALID");
      match(body.detail, c.message);
      ok(typeof body.hint === "string" && body.hint.length > 0);
    });
  }
  await t.step("the default cap is 10 MiB", async () => {
    const open = createHttpApp(createEngine(deps));
    const res = await open.request("/api/deploy", post("x".repeat(10 * 1024 * 1024 + 1)));
    equal(res.status, 413);
    await res.body?.cancel();
  });
});

Deno.test("createHttpApp() maps error codes to statuses without internals", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  const cases = [
    { error: new NopeaError("SERVICE_NOT_FOUND", 'No deploy of service "x"'), status: 404 },
    { error: new NopeaError("DEPLOY_NOT_FOUND", 'No deploy "01X"'), status: 404 },
    {
      error: new NopeaError("DEPLOY_IN_PROGRESS", "Busy", { details: { service: "x" } }),
      status: 409,
    },
    { error: new NopeaError("KUBE_UNREACHABLE", "Cannot reach the cluster"), status: 503 },
    { error: new NopeaError("KUBECONFIG_INVALID", "No kubeconfig"), status: 503 },
    { error: new NopeaError("KUBE_FORBIDDEN", "Forbidden"), status: 502 },
    { error: new NopeaError("MEMORY_CORRUPT", "Memory log is damaged"), status: 500 },
  ];
  for (const c of cases) {
    await t.step(`${c.error.code} is ${c.status}`, async () => {
      const res = await createHttpApp(failingEngine(engine, c.error)).request("/api/services");
      equal(res.status, c.status);
      const body = await res.json();
      equal(body.code, c.error.code);
      equal(body.detail, c.error.message);
    });
  }
  await t.step("an unknown fault is a generic 500, logged with its details", async () => {
    const log = memoryLogger();
    const broken = failingEngine(engine, new TypeError("cannot read /srv/secret/token"));
    const res = await createHttpApp(broken, { log }).request("/api/status/web");
    equal(res.status, 500);
    const text = await res.text();
    ok(!text.includes("secret") && !text.includes("TypeError"), text);
    deepEqual(Object.keys(JSON.parse(text)), [
      "type",
      "title",
      "status",
      "detail",
      "code",
      "hint",
    ]);
    equal(JSON.parse(text).code, "INTERNAL");
    match(String(log.records[0]?.fields["error"]), /cannot read \/srv\/secret\/token/);
  });
});

Deno.test("createHttpApp() /ready answers 200 once the cluster answers, else 503", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  await t.step("reachable cluster", async () => {
    const res = await createHttpApp(engine).request("/ready");
    equal(res.status, 200);
    deepEqual(await res.json(), { ready: true });
  });
  await t.step("unreachable cluster", async () => {
    const down = {
      ...engine,
      health: () =>
        Promise.resolve({
          status: "degraded" as const,
          cluster: { reachable: false, error: "connect ECONNREFUSED" },
          memory: { readable: true },
          activeDeploys: [],
        }),
    };
    const res = await createHttpApp(down).request("/ready");
    equal(res.status, 503);
    const body = await res.json();
    equal(body.code, "KUBE_UNREACHABLE");
    match(body.detail, /ECONNREFUSED/);
  });
  await t.step("/health is the health operation's report", async () => {
    const res = await createHttpApp(engine).request("/health");
    equal(res.status, 200);
    deepEqual(await res.json(), JSON.parse(JSON.stringify(await engine.health())));
  });
});
