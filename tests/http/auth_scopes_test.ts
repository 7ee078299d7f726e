/** Keys as `Authorization: Bearer` or `x-api-key`, `WWW-Authenticate` on 401, and key scopes. */
import { deepEqual, equal, match } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { configMap, deployBody, post } from "./_helpers.ts";

const DEPLOY_KEY = "deploy-k3y-0123456789";
const READ_KEY = "read-k3y-0123456789";

Deno.test("a key is accepted as Authorization: Bearer or x-api-key; a bad one is 401", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: DEPLOY_KEY, readApiKey: READ_KEY });
  const cases: { name: string; headers: Record<string, string>; status: number; auth?: RegExp }[] =
    [
      {
        name: "Bearer with the deploy key",
        headers: { authorization: `Bearer ${DEPLOY_KEY}` },
        status: 200,
      },
      {
        name: "bearer in lower case",
        headers: { authorization: `bearer ${READ_KEY}` },
        status: 200,
      },
      { name: "x-api-key", headers: { "x-api-key": READ_KEY }, status: 200 },
      { name: "no key", headers: {}, status: 401, auth: /^Bearer realm="nopea"$/ },
      {
        name: "a wrong Bearer key",
        headers: { authorization: "Bearer nope" },
        status: 401,
        auth: /^Bearer realm="nopea", error="invalid_token"$/,
      },
      {
        name: "another scheme",
        headers: { authorization: `Basic ${btoa("u:p")}` },
        status: 401,
        auth: /^Bearer realm="nopea"$/,
      },
      {
        name: "a wrong x-api-key beside a right Bearer",
        headers: { "x-api-key": "nope", authorization: `Bearer ${DEPLOY_KEY}` },
        status: 401,
        auth: /invalid_token/,
      },
    ];
  for (const c of cases) {
    await t.step(`${c.name} is ${c.status}`, async () => {
      const res = await app.request("/api/services", { headers: c.headers });
      equal(res.status, c.status);
      if (c.auth === undefined) return void await res.body?.cancel();
      match(res.headers.get("www-authenticate") ?? "", c.auth);
      equal(res.headers.get("content-type"), "application/problem+json");
      const body = await res.json();
      deepEqual([body.status, body.code, body.type], [
        401,
        "SPEC_INVALID",
        "urn:nopea:error:SPEC_INVALID",
      ]);
    });
  }
  await t.step("the message names the scheme it refuses", async () => {
    const res = await app.request("/api/services", { headers: { authorization: "Basic abc" } });
    match((await res.json()).detail, /expected "Bearer <key>", got scheme "Basic"/);
  });
});

Deno.test("the read-only key reads but cannot change the cluster (403 insufficient_scope)", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: DEPLOY_KEY, readApiKey: READ_KEY });
  const read = { authorization: `Bearer ${READ_KEY}` };
  const body = deployBody("web", [configMap("web")]);
  await t.step("deploy with the read key is 403 and applies nothing", async () => {
    const res = await app.request("/api/deploy", post(body, read));
    equal(res.status, 403);
    match(res.headers.get("www-authenticate") ?? "", /error="insufficient_scope", scope="deploy"/);
    const problem = await res.json();
    match(problem.detail, /^Insufficient scope: the read-only key may not run deploy$/);
    match(problem.hint, /deploy key/);
    const web = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "web" };
    equal(await deps.cluster.get(web), undefined);
  });
  await t.step("a diff (read-only) with the read key is 200", async () => {
    const res = await app.request("/api/diff", post(body, read));
    equal(res.status, 200);
    await res.body?.cancel();
  });
  await t.step("deploy with the deploy key is 200, then the read key sees it", async () => {
    const res = await app.request("/api/deploy", post(body, { "x-api-key": DEPLOY_KEY }));
    equal((await res.json()).status, "completed");
    const history = await app.request("/api/history/web", { headers: read });
    equal((await history.json()).deploys.length, 1);
  });
  await t.step("a server with only a read key deploys with no key", async () => {
    const readOnly = createHttpApp(createEngine(deps), { readApiKey: READ_KEY });
    equal(readOnly.requiresApiKey, true);
    const res = await readOnly.request("/api/deploy", post(body, read));
    equal(res.status, 403);
    await res.body?.cancel();
  });
});
