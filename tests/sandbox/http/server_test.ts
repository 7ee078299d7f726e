import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { parse } from "yaml";
import { isNopeaError } from "../../../src/shared/mod.ts";
import { startSandboxServer } from "../../../src/sandbox/http/mod.ts";
import { FakeApi } from "./_fake_api.ts";
import { body, startHarness } from "./_harness.ts";

Deno.test("startSandboxServer() serves TLS that fetch accepts with the generated CA", async () => {
  await using h = await startHarness();
  ok(h.server.url.startsWith("https://127.0.0.1:"));
  equal(h.server.url, `https://127.0.0.1:${h.server.port}`);
  const res = await h.request("/healthz", { auth: false });
  equal(res.status, 200);
  equal(await res.text(), "ok");
  await rejects(fetch(`${h.server.url}/healthz`), TypeError); // the system roots do not know the CA
  const viaLocalhost = await fetch(`https://localhost:${h.server.port}/livez`, {
    client: h.client,
  });
  equal(await viaLocalhost.text(), "ok");
});

Deno.test("startSandboxServer() requires the bearer token on everything but health", async (t) => {
  await using h = await startHarness({ token: "s3cret" });
  equal(h.server.token, "s3cret");
  const cases = [
    { name: "/healthz without a token", path: "/healthz", auth: undefined, status: 200 },
    { name: "/livez without a token", path: "/livez", auth: undefined, status: 200 },
    { name: "/readyz without a token", path: "/readyz", auth: undefined, status: 200 },
    { name: "/api without a token", path: "/api", auth: undefined, status: 401 },
    { name: "/api with a wrong token", path: "/api", auth: "Bearer nope", status: 401 },
    {
      name: "/sandbox/faults without a token",
      path: "/sandbox/faults",
      auth: undefined,
      status: 401,
    },
    { name: "/api with the token", path: "/api", auth: "Bearer s3cret", status: 200 },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const headers: Record<string, string> = c.auth ? { authorization: c.auth } : {};
      const res = await h.request(c.path, { auth: false, headers });
      equal(res.status, c.status);
      if (c.status === 401) {
        const status = await res.json();
        deepEqual([status.kind, status.reason, status.code], ["Status", "Unauthorized", 401]);
      } else {
        await res.body?.cancel();
      }
    });
  }
});

Deno.test("startSandboxServer() generates a 64-hex-digit token by default", async () => {
  await using h = await startHarness();
  ok(/^[0-9a-f]{64}$/.test(h.server.token));
});

Deno.test("startSandboxServer() refuses a non-loopback hostname unless allowRemote", async () => {
  await rejects(
    startSandboxServer({ api: new FakeApi(), hostname: "0.0.0.0" }),
    (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && e.message.includes('"0.0.0.0"'),
  );
});

Deno.test("startSandboxServer() rejects an invalid initial fault rule", async () => {
  await rejects(
    startSandboxServer({ api: new FakeApi(), faults: [{ errorRate: 2 }] }),
    (e) => isNopeaError(e) && e.code === "SPEC_INVALID",
  );
});

Deno.test("kubeconfig() carries the CA, the server URL, the token and the context", async (t) => {
  await using h = await startHarness();
  await t.step("defaults", () => {
    const config = parse(h.server.kubeconfig());
    equal(config["current-context"], "nopea-sandbox");
    equal(config.clusters[0].cluster.server, h.server.url);
    equal(atob(config.clusters[0].cluster["certificate-authority-data"]), h.server.caPem);
    equal(config.users[0].user.token, h.server.token);
    equal(config.contexts[0].context.namespace, undefined);
  });
  await t.step("context and namespace", () => {
    const config = parse(h.server.kubeconfig({ context: "demo", namespace: "shop" }));
    equal(config["current-context"], "demo");
    deepEqual(config.contexts[0], {
      name: "demo",
      context: { cluster: "nopea-sandbox", user: "nopea-sandbox", namespace: "shop" },
    });
  });
});

Deno.test("the /sandbox/faults endpoint reads, replaces, adds and clears rules", async (t) => {
  await using h = await startHarness();
  await t.step("PUT replaces the list", async () => {
    const { status, body: res } = await h.json(
      "/sandbox/faults",
      body("PUT", [{ verb: "get", errorRate: 0.5 }, { latencyMs: 5 }]),
    );
    equal(status, 200);
    deepEqual(res.rules, [{ verb: "get", errorRate: 0.5 }, { latencyMs: 5 }]);
  });
  await t.step("POST adds one rule", async () => {
    const { status, body: res } = await h.json("/sandbox/faults", body("POST", { dropRate: 0.1 }));
    equal(status, 201);
    equal((res.rules as unknown[]).length, 3);
  });
  await t.step("GET shows rules and stats", async () => {
    const { body: res } = await h.json("/sandbox/faults");
    deepEqual(res.stats, { latency: 0, errors: 0, throttles: 0, drops: 0 });
    deepEqual(h.server.faults.rules(), res.rules);
  });
  await t.step("an invalid rule is a 400 and changes nothing", async () => {
    const { status, body: res } = await h.json("/sandbox/faults", body("PUT", [{ verb: "fly" }]));
    equal(status, 400);
    equal(res.reason, "BadRequest");
    equal(h.server.faults.rules().length, 3);
  });
  await t.step("DELETE clears", async () => {
    const { body: res } = await h.json("/sandbox/faults", { method: "DELETE" });
    deepEqual(res.rules, []);
  });
});

Deno.test("shutdown() ends open watches and stops listening", async () => {
  const h = await startHarness();
  const res = await h.request("/api/v1/namespaces/default/configmaps?watch=true");
  const reader = res.body!.getReader();
  await h.server.shutdown();
  while (!(await reader.read()).done) { /* drain until the server closed the stream */ }
  h.client.close();
  await rejects(fetch(`${h.server.url}/healthz`, { client: Deno.createHttpClient({}) }));
});

Deno.test("startSandboxServer() reports a port in use as SPEC_INVALID", async () => {
  await using h = await startHarness();
  await rejects(
    startSandboxServer({ api: new FakeApi(), port: h.server.port }),
    (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && e.message.includes("already in use"),
  );
});
