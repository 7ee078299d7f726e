import { equal } from "node:assert/strict";
import { backoffDelay, parseRetryAfter, retryDelay } from "../../src/kube/_backoff.ts";

const policy = { baseDelayMs: 200, maxDelayMs: 5000, random: () => 0.5 };

Deno.test("backoffDelay() doubles the jitter ceiling per retry up to the maximum", async (t) => {
  const cases = [
    { retry: 0, random: 0.5, expected: 100 },
    { retry: 1, random: 0.5, expected: 200 },
    { retry: 3, random: 0.5, expected: 800 },
    { retry: 10, random: 0.5, expected: 2500 },
    { retry: 2, random: 0, expected: 0 },
    { retry: 2, random: 0.999, expected: 799 },
  ];
  for (const c of cases) {
    await t.step(`retry ${c.retry} with random ${c.random}`, () => {
      equal(backoffDelay(c.retry, { ...policy, random: () => c.random }), c.expected);
    });
  }
});

Deno.test("parseRetryAfter() reads delay seconds and HTTP dates", async (t) => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const cases = [
    { name: "seconds", value: "3", expected: 3000 },
    { name: "zero", value: "0", expected: 0 },
    { name: "padded", value: " 2 ", expected: 2000 },
    { name: "HTTP date", value: "Thu, 01 Jan 2026 00:00:04 GMT", expected: 4000 },
    { name: "date in the past", value: "Wed, 31 Dec 2025 23:59:00 GMT", expected: 0 },
    { name: "absent", value: undefined, expected: undefined },
    { name: "negative", value: "-1", expected: undefined },
    { name: "fraction", value: "1.5", expected: undefined },
    { name: "garbage", value: "soon", expected: undefined },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(parseRetryAfter(c.value, now), c.expected));
  }
});

Deno.test("retryDelay() honours Retry-After capped at the maximum, else backs off", async (t) => {
  const full = { ...policy, now: () => 0 };
  await t.step("Retry-After wins over backoff", () => equal(retryDelay(0, "2", full), 2000));
  await t.step("Retry-After is capped", () => equal(retryDelay(0, "60", full), 5000));
  await t.step("no header: jittered backoff", () => equal(retryDelay(1, undefined, full), 200));
});
