import { deepEqual, throws } from "node:assert/strict";
import { isNopeaError } from "../../../src/shared/mod.ts";
import { parseFaultRule } from "../../../src/sandbox/http/mod.ts";

Deno.test("parseFaultRule() accepts every documented field", () => {
  const rule = {
    verb: "patch",
    resource: "deployments",
    latencyMs: 10,
    errorRate: 0.1,
    throttleRate: 0,
    retryAfterSeconds: 2,
    dropRate: 1,
    count: 3,
    status: 503,
  };
  deepEqual(parseFaultRule(rule), rule);
  deepEqual(parseFaultRule({}), {});
});

Deno.test("parseFaultRule() rejects invalid rules with SPEC_INVALID", async (t) => {
  const cases = [
    { name: "not an object", value: [] },
    { name: "unknown verb", value: { verb: "fly" } },
    { name: "unknown field", value: { errorRatio: 0.1 } },
    { name: "rate above 1", value: { errorRate: 1.5 } },
    { name: "negative rate", value: { dropRate: -0.1 } },
    { name: "negative latency", value: { latencyMs: -1 } },
    { name: "zero count", value: { count: 0 } },
    { name: "fractional count", value: { count: 1.5 } },
    { name: "status below 400", value: { status: 200 } },
    { name: "empty resource", value: { resource: "" } },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(() => parseFaultRule(c.value), (e) => isNopeaError(e) && e.code === "SPEC_INVALID");
    });
  }
});
