/** Test helper: requests a server must refuse, sent over a real socket, and what each must get. */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createEngine } from "../../src/engine/mod.ts";
import { createHttpApp, type HttpAppOptions, serveHttp } from "../../src/http/mod.ts";
import { testDeps } from "../../src/testing/mod.ts";
import { rawRequest } from "./_raw.ts";

/** One refused request and its expected answer. */
export interface Refusal {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  /** @default "SPEC_INVALID" */
  code?: string;
  message: RegExp;
  /** The Allow header of a 405. */
  allow?: string;
}

/** The content-type of JSON bodies. */
export const JSON_TYPE = { "content-type": "application/json" };

const KEY = "k3y-for-refusals";

/**
 * Serves a fresh app (with a key) on loopback and checks each refusal as a step: its status, a
 * short problem document (RFC 9457, with `code` and `hint`), `Allow` on 405, and never a stack or an error class.
 */
export async function checkRefusals(
  t: Deno.TestContext,
  cases: readonly Refusal[],
  options: HttpAppOptions = {},
): Promise<void> {
  await using deps = await testDeps();
  const app = createHttpApp(createEngine(deps), { ...options, apiKey: KEY });
  const stop = new AbortController();
  const server = serveHttp(app, { port: 0, signal: stop.signal });
  try {
    for (const c of cases) {
      await t.step(`${c.name} is ${c.status}`, async () => {
        const res = await rawRequest(server.port, {
          method: c.method,
          path: c.path,
          host: `127.0.0.1:${server.port}`,
          headers: { "x-api-key": KEY, ...c.headers },
          ...(c.body === undefined ? {} : { body: c.body }),
        });
        equal(res.status, c.status, res.text.slice(0, 500));
        equal(res.headers.get("content-type"), "application/problem+json");
        deepEqual(Object.keys(res.json ?? {}).slice(0, 6), [
          "type",
          "title",
          "status",
          "detail",
          "code",
          "hint",
        ]);
        equal(res.json?.["status"], c.status);
        equal(res.json?.["code"], c.code ?? "SPEC_INVALID");
        match(String(res.json?.["detail"]), c.message);
        equal(res.headers.get("allow"), c.allow ?? null);
        ok(res.text.length < 2000, `a short answer, not ${res.text.length} characters`);
        ok(!/TypeError|SyntaxError|RangeError|\n\s+at /.test(res.text), res.text);
      });
    }
  } finally {
    stop.abort();
    await server.finished;
  }
}
