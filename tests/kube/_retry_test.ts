import { deepEqual, equal, rejects } from "node:assert/strict";
import {
  describeCause,
  isConnectionError,
  isRetryableStatus,
  type RetryNotice,
  type RetryPolicy,
  withRetries,
} from "../../src/kube/_retry.ts";
import { NopeaError } from "../../src/shared/mod.ts";

function policy(slept: number[], retries = 3): RetryPolicy {
  return {
    retries,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    now: () => 0,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  };
}

function fetchFailed(code: string, message = code): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

function response(status: number, headers: Record<string, string> = {}) {
  return { status, headers };
}

Deno.test("isRetryableStatus() accepts 429 and 500/502/503/504 only", async (t) => {
  const cases = [
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [
      401,
      false,
    ],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
    [501, false],
    [200, false],
  ] as const;
  for (const [status, expected] of cases) {
    await t.step(String(status), () => equal(isRetryableStatus(status), expected));
  }
});

Deno.test("isConnectionError() tells transient transport faults from the rest", async (t) => {
  const cases: { name: string; error: unknown; expected: boolean }[] = [
    { name: "refused", error: fetchFailed("ECONNREFUSED"), expected: true },
    { name: "reset", error: fetchFailed("ECONNRESET"), expected: true },
    {
      name: "dropped socket",
      error: fetchFailed("UND_ERR_SOCKET", "other side closed"),
      expected: true,
    },
    {
      name: "TLS handshake aborted",
      error: fetchFailed(
        "ECONNRESET",
        "Client network socket disconnected before secure TLS connection was established",
      ),
      expected: true,
    },
    { name: "connect timeout", error: fetchFailed("UND_ERR_CONNECT_TIMEOUT"), expected: true },
    { name: "request timeout", error: new DOMException("late", "TimeoutError"), expected: true },
    {
      name: "body cut",
      error: new TypeError("terminated", { cause: fetchFailed("UND_ERR_SOCKET") }),
      expected: true,
    },
    {
      name: "untrusted certificate",
      error: fetchFailed("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
      expected: false,
    },
    { name: "unknown host", error: fetchFailed("ENOTFOUND"), expected: false },
    { name: "a bug", error: new TypeError("x is not a function"), expected: false },
    {
      name: "a NopeaError",
      error: new NopeaError("KUBE_UNAUTHORIZED", "no", { cause: fetchFailed("ECONNREFUSED") }),
      expected: false,
    },
    { name: "not an error", error: "ECONNREFUSED", expected: false },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(isConnectionError(c.error), c.expected));
  }
});

Deno.test("describeCause() names the innermost message", () => {
  equal(
    describeCause(fetchFailed("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1")),
    "connect ECONNREFUSED 127.0.0.1:1",
  );
  equal(describeCause("plain"), "plain");
});

Deno.test("withRetries() retries retryable statuses until one succeeds", async () => {
  const slept: number[] = [];
  const notices: RetryNotice[] = [];
  const answers = [response(503), response(500), response(200)];
  let calls = 0;
  const res = await withRetries(
    () => Promise.resolve(answers[calls++]!),
    policy(slept),
    (n) => notices.push(n),
  );
  equal(res.status, 200);
  equal(calls, 3);
  deepEqual(slept, [50, 100]);
  deepEqual(notices.map((n) => [n.attempt, n.reason]), [[1, "HTTP 503"], [2, "HTTP 500"]]);
});

Deno.test("withRetries() waits as long as Retry-After says on 429", async () => {
  const slept: number[] = [];
  const answers = [response(429, { "retry-after": "1" }), response(200)];
  let calls = 0;
  await withRetries(() => Promise.resolve(answers[calls++]!), policy(slept));
  deepEqual(slept, [1000]);
});

Deno.test("withRetries() returns the last retryable response when attempts run out", async () => {
  const slept: number[] = [];
  let calls = 0;
  const res = await withRetries(() => {
    calls++;
    return Promise.resolve(response(500));
  }, policy(slept, 2));
  equal(res.status, 500);
  equal(calls, 3);
  equal(slept.length, 2);
});

Deno.test("withRetries() never retries other 4xx", async (t) => {
  for (const status of [400, 401, 403, 404, 409, 422]) {
    await t.step(String(status), async () => {
      const slept: number[] = [];
      let calls = 0;
      const res = await withRetries(() => {
        calls++;
        return Promise.resolve(response(status));
      }, policy(slept));
      equal(res.status, status);
      equal(calls, 1);
      equal(slept.length, 0);
    });
  }
});

Deno.test("withRetries() retries connection errors and rethrows the last one", async () => {
  const slept: number[] = [];
  let calls = 0;
  await rejects(
    withRetries(() => {
      calls++;
      return Promise.reject(fetchFailed("ECONNREFUSED"));
    }, policy(slept, 2)),
    (e: Error) => e.message === "fetch failed",
  );
  equal(calls, 3);
  deepEqual(slept, [50, 100]);
});

Deno.test("withRetries() rethrows other errors at once", async () => {
  const slept: number[] = [];
  let calls = 0;
  await rejects(
    withRetries(() => {
      calls++;
      return Promise.reject(fetchFailed("DEPTH_ZERO_SELF_SIGNED_CERT"));
    }, policy(slept)),
  );
  equal(calls, 1);
  equal(slept.length, 0);
});

Deno.test("withRetries() with no retries makes exactly one attempt", async () => {
  const slept: number[] = [];
  let calls = 0;
  const res = await withRetries(() => {
    calls++;
    return Promise.resolve(response(503));
  }, policy(slept, 0));
  equal(res.status, 503);
  equal(calls, 1);
});
