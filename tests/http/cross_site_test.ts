/** Requests a web page could make (any Host, Origin, simple content types) over a real socket. */
import { deepEqual, equal, match } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, serveHttp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { configMap, deployBody } from "./_helpers.ts";
import { rawRequest } from "./_raw.ts";

const KEY = "k3y-for-cross-site-tests";

interface Case {
  name: string;
  host: (port: number) => string | null;
  headers: (port: number) => Record<string, string>;
  status: number;
  message: RegExp;
}

const JSON_TYPE = { "content-type": "application/json" };

const REFUSED: Case[] = [
  {
    name: "the issue's request: text/plain, a foreign Origin and Host",
    host: () => "attacker.example",
    headers: () => ({ origin: "https://evil.example", "content-type": "text/plain" }),
    status: 421,
    message: /the Host header "attacker\.example" does not name this server/,
  },
  {
    name: "a DNS name rebound to 127.0.0.1, with our port",
    host: (port) => `attacker.example:${port}`,
    headers: () => JSON_TYPE,
    status: 421,
    message: /Host header "attacker\.example:\d+"/,
  },
  {
    name: "a loopback address with another port",
    host: (port) => `127.0.0.1:${port === 65535 ? port - 1 : port + 1}`,
    headers: () => JSON_TYPE,
    status: 421,
    message: /does not name this server \(127\.0\.0\.1:\d+\)/,
  },
  {
    name: "a loopback address without a port (80)",
    host: () => "localhost",
    headers: () => JSON_TYPE,
    status: 421,
    message: /Host header "localhost"/,
  },
  {
    name: "userinfo before a loopback address",
    host: (port) => `evil.example@127.0.0.1:${port}`,
    headers: () => JSON_TYPE,
    status: 421,
    message: /Host header "evil\.example@127\.0\.0\.1:\d+"/,
  },
  {
    name: "no Host header",
    host: () => null,
    headers: () => JSON_TYPE,
    status: 421,
    message: /no Host header/,
  },
  {
    name: "a foreign Origin with our Host",
    host: (port) => `127.0.0.1:${port}`,
    headers: () => ({ ...JSON_TYPE, origin: "https://evil.example" }),
    status: 403,
    message: /the Origin header "https:\/\/evil\.example" is not this server's origin/,
  },
  {
    name: "Origin null (a sandboxed frame or a file)",
    host: (port) => `127.0.0.1:${port}`,
    headers: () => ({ ...JSON_TYPE, origin: "null" }),
    status: 403,
    message: /Origin header "null"/,
  },
  {
    name: "another loopback origin than the Host",
    host: (port) => `127.0.0.1:${port}`,
    headers: (port) => ({ ...JSON_TYPE, origin: `http://localhost:${port}` }),
    status: 403,
    message: /Origin header "http:\/\/localhost:\d+"/,
  },
  {
    name: "a text/plain body from our own origin",
    host: (port) => `127.0.0.1:${port}`,
    headers: (port) => ({ origin: `http://127.0.0.1:${port}`, "content-type": "text/plain" }),
    status: 415,
    message: /must be JSON, got content-type "text\/plain"/,
  },
  {
    name: "a form body",
    host: (port) => `127.0.0.1:${port}`,
    headers: () => ({ "content-type": "application/x-www-form-urlencoded" }),
    status: 415,
    message: /got content-type "application\/x-www-form-urlencoded"/,
  },
  {
    name: "a body without a content-type",
    host: (port) => `127.0.0.1:${port}`,
    headers: () => ({}),
    status: 415,
    message: /got no content-type/,
  },
];

Deno.test("nothing foreign reaches an operation through the real server on loopback", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: KEY });
  const stop = new AbortController();
  const server = serveHttp(app, { port: 0, signal: stop.signal });
  const pwned = { apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "pwned" };
  try {
    for (const c of REFUSED) {
      await t.step(`${c.name} is ${c.status}`, async () => {
        const res = await rawRequest(server.port, {
          method: "POST",
          path: "/api/deploy",
          host: c.host(server.port),
          headers: { "x-api-key": KEY, ...c.headers(server.port) },
          body: JSON.stringify(deployBody("pwned", [configMap("pwned")])),
        });
        equal(res.status, c.status, res.text);
        equal(res.json?.["code"], "SPEC_INVALID");
        match(String(res.json?.["detail"]), c.message);
        equal(typeof res.json?.["hint"], "string");
      });
    }
    await t.step("none of them created anything", async () => {
      equal(await deps.cluster.get(pwned), undefined);
    });
    await t.step("our own origin with a JSON body and the key deploys", async () => {
      const res = await rawRequest(server.port, {
        method: "POST",
        path: "/api/deploy",
        host: `localhost:${server.port}`,
        headers: {
          "x-api-key": KEY,
          origin: `http://localhost:${server.port}`,
          "content-type": "application/json; charset=utf-8",
        },
        body: JSON.stringify(deployBody("web", [configMap("web")])),
      });
      deepEqual([res.status, res.json?.["status"]], [200, "completed"]);
    });
  } finally {
    stop.abort();
    await server.finished;
  }
});
