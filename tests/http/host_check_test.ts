/** The Host check over a real socket: loopback names and port only on loopback, probes included. */
import { equal } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, serveHttp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { rawRequest } from "./_raw.ts";

const KEY = "k3y-for-host-tests";

Deno.test("probes stay keyless but answer only requests addressed to this server", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: KEY });
  const stop = new AbortController();
  const server = serveHttp(app, { port: 0, signal: stop.signal });
  const own = (name: string) => `${name}:${server.port}`;
  const cases = [
    { path: "/health", host: own("[::1]"), shown: "[::1]:<port>", status: 200 },
    { path: "/ready", host: own("127.0.0.1"), shown: "127.0.0.1:<port>", status: 200 },
    { path: "/metrics", host: own("localhost"), shown: "localhost:<port>", status: 200 },
    { path: "/health", host: "attacker.example", shown: "attacker.example", status: 421 },
    {
      path: "/metrics",
      host: own("attacker.example"),
      shown: "attacker.example:<port>",
      status: 421,
    },
    { path: "/api/services", host: own("127.0.0.1"), shown: "127.0.0.1:<port>", status: 401 },
  ];
  try {
    for (const c of cases) {
      await t.step(`GET ${c.path} with Host ${c.shown} is ${c.status}`, async () => {
        const res = await rawRequest(server.port, { path: c.path, host: c.host });
        equal(res.status, c.status, res.text);
      });
    }
  } finally {
    stop.abort();
    await server.finished;
  }
});

Deno.test("beyond loopback any well-formed Host passes, the key and Origin still apply", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: KEY });
  const stop = new AbortController();
  const server = serveHttp(app, { hostname: "0.0.0.0", port: 0, signal: stop.signal });
  const host = `nopea.internal:${server.port}`;
  const cases = [
    {
      name: "a name the server cannot know, with the key",
      headers: { "x-api-key": KEY },
      status: 200,
    },
    { name: "the same without the key", headers: {}, status: 401 },
    {
      name: "a foreign Origin, with the key",
      headers: { "x-api-key": KEY, origin: "https://evil.example" },
      status: 403,
    },
    {
      name: "its own origin, with the key",
      headers: { "x-api-key": KEY, origin: `https://${host}` },
      status: 200,
    },
  ];
  try {
    for (const c of cases) {
      await t.step(`${c.name} is ${c.status}`, async () => {
        const res = await rawRequest(server.port, {
          path: "/api/services",
          host,
          headers: c.headers,
        });
        equal(res.status, c.status, res.text);
      });
    }
    await t.step("a malformed Host is still 421", async () => {
      const res = await rawRequest(server.port, { path: "/api/services", host: "a b" });
      equal(res.status, 421, res.text);
    });
  } finally {
    stop.abort();
    await server.finished;
  }
});
