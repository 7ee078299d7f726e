import { deepEqual, equal, match, throws } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, isLoopbackHost, serveHttp } from "../../src/http/mod.ts";
import { isNopeaError } from "../../src/shared/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { engineHarness } from "../_engine.ts";
import { configMap, deployBody, gatedEngine, post, sample } from "./_helpers.ts";

const KEY = { "x-api-key": "k3y" };

async function answer(res: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: res.status, body: await res.json() };
}

Deno.test("serveHttp() serves the API over a real socket", async (t) => {
  await using world = await engineHarness();
  const gated = gatedEngine(world.engine);
  const app = createHttpApp(gated.engine, { apiKey: "k3y", bodyLimit: 4096 });
  const stop = new AbortController();
  const server = serveHttp(app, { port: 0, signal: stop.signal });
  const url = (path: string) => `${server.url}${path}`;
  try {
    await t.step("auth: missing key 401, wrong key 401, right key 200", async () => {
      equal((await answer(await fetch(url("/api/services")))).status, 401);
      const wrong = await fetch(url("/api/services"), { headers: { "x-api-key": "k3z" } });
      equal((await answer(wrong)).status, 401);
      const right = await answer(await fetch(url("/api/services"), { headers: KEY }));
      deepEqual(right, { status: 200, body: { services: [] } });
    });
    await t.step("an oversized body is 413", async () => {
      const big = deployBody("web", [{ ...configMap("web"), data: { a: "x".repeat(8192) } }]);
      const res = await answer(await fetch(url("/api/deploy"), post(big, KEY)));
      equal(res.status, 413);
      equal(res.body["code"], "SPEC_INVALID");
    });
    await t.step("malformed JSON is 400", async () => {
      const res = await answer(await fetch(url("/api/deploy"), post("{", KEY)));
      equal(res.status, 400);
      match(String(res.body["detail"]), /not valid JSON/);
    });
    await t.step("an unknown route is 404", async () => {
      const res = await answer(await fetch(url("/api/nope"), { headers: KEY }));
      deepEqual([res.status, res.body["detail"]], [404, "No route GET /api/nope"]);
    });
    await t.step("a second deploy of a deploying service is 409, then both end", async () => {
      const body = deployBody("web", [configMap("web")]);
      const first = fetch(url("/api/deploy"), post(body, KEY));
      await gated.entered;
      const second = await answer(await fetch(url("/api/deploy"), post(body, KEY)));
      deepEqual([second.status, second.body["code"]], [409, "DEPLOY_IN_PROGRESS"]);
      gated.open();
      const done = await answer(await first);
      deepEqual([done.status, done.body["status"]], [200, "completed"]);
    });
    await t.step("metrics count the deploy and the answers", async () => {
      const text = await (await fetch(url("/metrics"))).text();
      equal(sample(text, 'nopea_deploys_total{status="completed",strategy="direct"}'), 1);
      equal(sample(text, 'nopea_http_requests_total{route="/api/deploy",code="409"}'), 1);
      equal(sample(text, 'nopea_http_requests_total{route="/api/services",code="401"}'), 2);
      equal(sample(text, 'nopea_http_requests_total{route="/api/deploy",code="413"}'), 1);
      equal(sample(text, "nopea_active_deploys"), 0);
    });
  } finally {
    stop.abort();
    await server.finished;
  }
});

Deno.test("serveHttp() serves an app without a key only with noAuth, only on loopback", async (t) => {
  await using deps = await testDeps();
  const engine = createEngine(deps);
  const refusals = [
    {
      name: "loopback without noAuth",
      options: { port: 0 },
      error: /Refusing to serve without an API key/,
    },
    {
      name: "0.0.0.0 without a key",
      options: { hostname: "0.0.0.0", port: 0 },
      error: /Refusing to listen on "0\.0\.0\.0" without an API key/,
    },
    {
      name: "0.0.0.0 with noAuth",
      options: { hostname: "0.0.0.0", port: 0, noAuth: true },
      error: /Refusing to listen on "0\.0\.0\.0" without an API key/,
    },
  ];
  for (const c of refusals) {
    await t.step(`${c.name} is refused`, () => {
      throws(
        () => serveHttp(createHttpApp(engine), c.options),
        (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && c.error.test(e.message),
      );
    });
  }
  await t.step("loopback with noAuth serves without a key", async () => {
    const stop = new AbortController();
    const server = serveHttp(createHttpApp(engine), { port: 0, noAuth: true, signal: stop.signal });
    const res = await fetch(`${server.url}/api/services`);
    deepEqual(await answer(res), { status: 200, body: { services: [] } });
    stop.abort();
    await server.finished;
  });
  await t.step("0.0.0.0 with a key listens", async () => {
    const stop = new AbortController();
    const app = createHttpApp(engine, { apiKey: "k" });
    const server = serveHttp(app, { hostname: "0.0.0.0", port: 0, signal: stop.signal });
    const res = await fetch(`http://127.0.0.1:${server.port}/ready`);
    equal(res.status, 200);
    await res.body?.cancel();
    stop.abort();
    await server.finished;
  });
  await t.step("a port in use is a clear error", async () => {
    const stop = new AbortController();
    const app = createHttpApp(engine, { apiKey: "k" });
    const server = serveHttp(app, { port: 0, signal: stop.signal });
    throws(
      () => serveHttp(app, { port: server.port }),
      (e) =>
        isNopeaError(e) &&
        /Cannot listen on 127\.0\.0\.1:\d+: the address is in use/.test(e.message),
    );
    stop.abort();
    await server.finished;
  });
});

Deno.test("isLoopbackHost() accepts only loopback addresses", async (t) => {
  const cases: [string, boolean][] = [
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["0.0.0.0", false],
    ["::", false],
    ["10.0.0.5", false],
    ["nopea.example.com", false],
    ["127.0.0.1.example.com", false],
  ];
  for (const [host, loopback] of cases) {
    await t.step(`${host} is ${loopback ? "" : "not "}loopback`, () => {
      equal(isLoopbackHost(host), loopback);
    });
  }
});
