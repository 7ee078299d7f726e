import { deepEqual, equal, match } from "node:assert/strict";
import { z } from "zod";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, httpRoutes } from "../../src/http/mod.ts";
import { queryInput } from "../../src/http/_query_input.ts";
import { type AnyOperation, type OperationName, OPERATIONS } from "../../src/surface/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { post } from "./_helpers.ts";

/** An operation that answers its own input, to see what the HTTP layer passed. */
function echo(
  name: OperationName,
  input: z.ZodRawShape,
  readOnly: boolean,
): AnyOperation {
  return {
    name,
    title: name,
    description: name,
    input,
    output: {},
    hints: { readOnly, destructive: !readOnly, idempotent: false, openWorld: true },
    run: (_engine, parsed) => Promise.resolve(parsed),
  };
}

const promote = echo("promote", {
  deployId: z.string().optional(),
  service: z.string().optional(),
}, false);
const rollback = echo("rollback", { service: z.string(), to: z.string().optional() }, false);
const drift = echo("drift", {
  service: z.string().optional(),
  limit: z.number().optional(),
  secrets: z.boolean().optional(),
  kinds: z.array(z.string()).optional(),
}, true);

Deno.test("httpRoutes() gives the catalogue the routes of DESIGN §7", () => {
  const routes = httpRoutes([...OPERATIONS, promote, rollback, drift]).map((r) =>
    `${r.method} ${r.path}`
  );
  for (
    const route of [
      "POST /api/deploy",
      "POST /api/diff",
      "GET /api/context/:service",
      "GET /api/history/:service",
      "GET /api/explain/:service",
      "GET /api/services",
      "GET /api/status/:service",
      "GET /health",
      "POST /api/promote/:id",
      "POST /api/rollback/:id",
      "GET /api/drift",
    ]
  ) equal(routes.includes(route), true, route);
});

Deno.test("createHttpApp() routes operations added to the catalogue", async (t) => {
  await using deps = await testDeps();
  const heal = echo("heal" as OperationName, { service: z.string() }, false);
  const stats = echo("stats" as OperationName, { service: z.string() }, true);
  const app = createHttpApp(createEngine(deps), {
    operations: [promote, rollback, drift, heal, stats],
  });
  const cases = [
    {
      name: "promote by deploy id",
      path: "/api/promote/01DEPLOY0001",
      init: post(""),
      expected: { deployId: "01DEPLOY0001" },
    },
    {
      name: "promote by service",
      path: "/api/promote/web",
      init: post(""),
      expected: { service: "web" },
    },
    {
      name: "rollback with a body",
      path: "/api/rollback/web",
      init: post({ to: "01DEPLOY0001" }),
      expected: { service: "web", to: "01DEPLOY0001" },
    },
    {
      name: "drift with a converted query",
      path: "/api/drift?service=web&limit=5&secrets=true&kinds=Secret&kinds=Service",
      init: {},
      expected: { service: "web", limit: 5, secrets: true, kinds: ["Secret", "Service"] },
    },
    {
      name: "an operation without a known route is POST /api/<name>",
      path: "/api/heal",
      init: post({ service: "api" }),
      expected: { service: "api" },
    },
    {
      name: "a read-only one without a known route is GET /api/<name>",
      path: "/api/stats?service=api",
      init: {},
      expected: { service: "api" },
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const res = await app.request(c.path, c.init);
      equal(res.status, 200);
      deepEqual(await res.json(), c.expected);
    });
  }
  await t.step("a body field that contradicts the path is 400", async () => {
    const res = await app.request("/api/rollback/web", post({ service: "api" }));
    equal(res.status, 400);
    match((await res.json()).detail, /"service" is "api" in the request but "web" in the path/);
  });
});

Deno.test("queryInput() converts values the schema wants as numbers, booleans or arrays", async (t) => {
  const cases = [
    { name: "a number", query: { limit: ["5"] }, expected: { limit: 5 } },
    {
      name: "a non-number is left for the schema",
      query: { limit: ["five"] },
      expected: { limit: "five" },
    },
    { name: "a boolean", query: { secrets: ["false"] }, expected: { secrets: false } },
    { name: "an array", query: { kinds: ["A"] }, expected: { kinds: ["A"] } },
    {
      name: "a repeated scalar stays a list",
      query: { service: ["a", "b"] },
      expected: { service: ["a", "b"] },
    },
    { name: "an unknown key is kept", query: { x: ["1"] }, expected: { x: "1" } },
  ];
  for (const c of cases) {
    await t.step(c.name, () => deepEqual(queryInput(drift, c.query), c.expected));
  }
});
