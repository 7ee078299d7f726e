import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { startHarness } from "./_harness.ts";

const CM = "/api/v1/namespaces/shop/configmaps";

/** An RNG that returns the given values in turn. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

Deno.test("fault rules answer 5xx, 429 with Retry-After, or exact statuses", async (t) => {
  const cases = [
    {
      name: "errorRate, low draw: 500",
      rule: { errorRate: 1 },
      draw: 0.1,
      status: 500,
      reason: "InternalError",
      retryAfter: null,
    },
    {
      name: "errorRate, high draw: 503",
      rule: { errorRate: 1 },
      draw: 0.9,
      status: 503,
      reason: "ServiceUnavailable",
      retryAfter: null,
    },
    {
      name: "throttleRate: 429, default Retry-After",
      rule: { throttleRate: 1 },
      draw: 0.5,
      status: 429,
      reason: "TooManyRequests",
      retryAfter: "1",
    },
    {
      name: "throttleRate with retryAfterSeconds",
      rule: { throttleRate: 0.5, retryAfterSeconds: 7 },
      draw: 0.2,
      status: 429,
      reason: "TooManyRequests",
      retryAfter: "7",
    },
    {
      name: "count with status",
      rule: { count: 1, status: 409 },
      draw: 0.5,
      status: 409,
      reason: "Conflict",
      retryAfter: null,
    },
    {
      name: "a draw above every rate: no fault",
      rule: { errorRate: 0.3, throttleRate: 0.3 },
      draw: 0.7,
      status: 200,
      reason: undefined,
      retryAfter: null,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      await using h = await startHarness({ faults: [c.rule], random: sequence(c.draw) });
      const res = await h.request(CM);
      const status = await res.json();
      equal(res.status, c.status);
      equal(res.headers.get("retry-after"), c.retryAfter);
      if (c.status !== 200) {
        deepEqual([status.kind, status.reason, status.code], ["Status", c.reason, c.status]);
      }
      if (c.retryAfter) equal(status.details.retryAfterSeconds, Number(c.retryAfter));
    });
  }
});

Deno.test("a dropped connection is a network error for fetch, not an HTTP status", async () => {
  await using h = await startHarness({ faults: [{ dropRate: 1, verb: "list" }] });
  await rejects(h.request(CM), TypeError);
  equal(h.server.faults.stats().drops, 1);
  const res = await h.request(`${CM}/missing`); // another verb on a fresh connection still works
  equal(res.status, 404);
  await res.body?.cancel();
});

Deno.test("latency delays the answer and is counted", async () => {
  await using h = await startHarness({ faults: [{ latencyMs: 40 }] });
  const started = performance.now();
  const res = await h.request(CM);
  equal(res.status, 200);
  await res.body?.cancel();
  ok(performance.now() - started >= 35);
  deepEqual(h.server.faults.stats(), { latency: 1, errors: 0, throttles: 0, drops: 0 });
});

Deno.test("fault rules match on verb and resource and skip discovery and health", async (t) => {
  await using h = await startHarness({
    faults: [{ verb: "list", resource: "pods", errorRate: 1 }],
    random: sequence(0),
  });
  const cases = [
    { path: "/api/v1/namespaces/shop/pods", status: 500 },
    { path: CM, status: 200 },
    { path: "/api/v1/namespaces/shop/pods/p1", status: 404 },
    { path: "/api/v1", status: 200 },
    { path: "/healthz", status: 200 },
  ];
  for (const c of cases) {
    await t.step(c.path, async () => {
      const res = await h.request(c.path);
      await res.body?.cancel();
      equal(res.status, c.status);
    });
  }
  deepEqual(h.server.faults.stats(), { latency: 0, errors: 1, throttles: 0, drops: 0 });
});

Deno.test("counted rules expire after N matching requests", async () => {
  await using h = await startHarness();
  h.server.faults.add({ verb: "get", count: 2, status: 503, retryAfterSeconds: 2 });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await h.request(`${CM}/x`);
    await res.body?.cancel();
    statuses.push(res.status);
  }
  deepEqual(statuses, [503, 503, 404]);
  deepEqual(h.server.faults.rules(), []);
  equal(h.server.faults.stats().errors, 2);
});

Deno.test("FaultController.clear() removes every rule at run time", async () => {
  await using h = await startHarness({ faults: [{ errorRate: 1 }] });
  h.server.faults.clear();
  const res = await h.request(CM);
  equal(res.status, 200);
  await res.body?.cancel();
});
