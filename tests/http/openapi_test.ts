/** /openapi.json describes every route, and every route answers as it describes; /docs shows it. */
import { Ajv } from "ajv";
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, httpRoutes, openApiPath } from "../../src/http/mod.ts";
import { OPERATIONS } from "../../src/surface/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { configMap, deployBody, post } from "./_helpers.ts";

const KEY = "openapi-k3y-0123456789";
const AUTH = { authorization: `Bearer ${KEY}` };
type Json = Record<string, unknown>;
interface OperationDoc {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { "application/json": { schema: Json } } };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

/** A body each POST operation accepts (others get none). */
const BODIES: Readonly<Record<string, Json>> = {
  deploy: deployBody("web", [configMap("web")]),
  diff: deployBody("web", [configMap("web")]),
  heal: { service: "web", dryRun: true },
  rollback: {},
  promote: {},
  unlock: {},
  delete: { dryRun: true },
};

/** The body of BODIES, else the required fields of the documented body, each "web". */
function sampleBody(op: OperationDoc): Json {
  const known = BODIES[op.operationId];
  if (known !== undefined) return known;
  const schema = op.requestBody?.content["application/json"].schema ?? {};
  const required = (schema["required"] ?? []) as string[];
  return Object.fromEntries(required.map((name) => [name, "web"]));
}

function operationsOf(doc: Json): [string, string, OperationDoc][] {
  return Object.entries(doc["paths"] as Record<string, Record<string, OperationDoc>>).flatMap((
    [path, methods],
  ) =>
    Object.entries(methods).map(([method, op]) =>
      [method, path, op] as [string, string, OperationDoc]
    )
  );
}

Deno.test("/openapi.json is OpenAPI 3.1 listing every route, with no key needed", async () => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: KEY, version: "1.2.3" });
  const res = await app.request("/openapi.json");
  equal(res.status, 200);
  const doc = await res.json();
  deepEqual([doc.openapi, doc.info.version], ["3.1.0", "1.2.3"]);
  const documented = operationsOf(doc).map(([m, p]) => `${m.toUpperCase()} ${p}`).sort();
  const served = httpRoutes(OPERATIONS).map((r) => `${r.method} ${openApiPath(r.path)}`);
  for (const route of served) ok(documented.includes(route), `${route} is documented`);
  for (const own of ["GET /ready", "GET /metrics", "GET /docs", "POST /mcp"]) {
    ok(documented.includes(own), own);
  }
  deepEqual(Object.keys(doc.components.securitySchemes), ["bearer", "apiKey"]);
});

Deno.test("every documented operation answers as the document says", async (t) => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: KEY });
  const doc = await (await app.request("/openapi.json")).json() as Json;
  const ajv = new Ajv({ strict: false, validateFormats: false });
  const problem = ajv.compile(
    (doc["components"] as { schemas: { Problem: Json } }).schemas.Problem,
  );
  equal((await app.request("/api/deploy", post(BODIES["deploy"], AUTH))).status, 200);
  for (const [method, path, op] of operationsOf(doc)) {
    if (path === "/mcp" || path === "/metrics" || path === "/docs") continue;
    await t.step(`${method.toUpperCase()} ${path}`, async () => {
      const url = path.replace(/\{\w+\}/g, "web");
      const body = op.requestBody === undefined ? undefined : sampleBody(op);
      if (body !== undefined) {
        const accepts = ajv.compile(op.requestBody!.content["application/json"].schema);
        ok(accepts(body), `the sample body fits: ${ajv.errorsText(accepts.errors)}`);
      }
      const res = await app.request(
        url,
        body === undefined ? { method: method.toUpperCase(), headers: AUTH } : post(body, AUTH),
      );
      ok(res.status !== 404 || !/No route/.test(await res.clone().text()), "the route exists");
      ok(res.status !== 405, "the method is allowed");
      const answer = await res.json() as Json;
      if (res.status === 200) {
        const schema = op.responses["200"]?.content?.["application/json"]?.schema;
        ok(schema, "a 200 answer is documented");
        const valid = ajv.compile(schema);
        ok(
          valid(answer),
          `${JSON.stringify(answer).slice(0, 300)}: ${ajv.errorsText(valid.errors)}`,
        );
      } else {
        equal(res.headers.get("content-type"), "application/problem+json");
        ok(problem(answer), ajv.errorsText(problem.errors));
        equal(answer["status"], res.status);
      }
    });
  }
});

Deno.test("/docs is a server-rendered page of every operation, without scripts", async () => {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { apiKey: KEY });
  const res = await app.request("/docs");
  equal(res.status, 200);
  match(res.headers.get("content-type") ?? "", /^text\/html/);
  const html = await res.text();
  ok(!/<script|https?:\/\/(?!json-schema)/.test(html), "no scripts, no external resources");
  for (const route of httpRoutes(OPERATIONS)) {
    ok(html.includes(`${route.method} ${openApiPath(route.path)}`), route.path);
  }
  match(html, /href="\/openapi\.json"/);
});
