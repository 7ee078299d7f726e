import { deepEqual, throws } from "node:assert/strict";
import { isNopeaError } from "../../../src/shared/mod.ts";
import { parseFaultFlags } from "../../../src/sandbox/http/mod.ts";

Deno.test("parseFaultFlags() turns CLI flags into one rule", async (t) => {
  const cases = [
    { name: "no knob: no rule", flags: {}, rules: [] },
    { name: "verb alone: no rule", flags: { verb: "get" }, rules: [] },
    { name: "milliseconds", flags: { latency: "200ms" }, rules: [{ latencyMs: 200 }] },
    { name: "seconds", flags: { latency: "1.5s" }, rules: [{ latencyMs: 1500 }] },
    { name: "bare number", flags: { latency: "25" }, rules: [{ latencyMs: 25 }] },
    {
      name: "numbers",
      flags: { latency: 5, errorRate: 0.2 },
      rules: [{ latencyMs: 5, errorRate: 0.2 }],
    },
    {
      name: "rates and percentages, restricted",
      flags: {
        errorRate: "0.1",
        throttleRate: "5%",
        dropRate: "0",
        verb: "patch",
        resource: "deployments",
      },
      rules: [{
        errorRate: 0.1,
        throttleRate: 0.05,
        dropRate: 0,
        verb: "patch",
        resource: "deployments",
      }],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => deepEqual(parseFaultFlags(c.flags), c.rules));
  }
});

Deno.test("parseFaultFlags() rejects values that do not parse", async (t) => {
  const cases = [
    { name: "latency word", flags: { latency: "slow" }, flag: "--latency" },
    { name: "rate above 1", flags: { errorRate: "1.2" }, flag: "--error-rate" },
    { name: "percentage above 100", flags: { dropRate: "150%" }, flag: "--drop-rate" },
    { name: "rate word", flags: { throttleRate: "often" }, flag: "--throttle-rate" },
    { name: "unknown verb", flags: { errorRate: "0.1", verb: "fly" }, flag: "verb" },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      throws(
        () => parseFaultFlags(c.flags),
        (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && e.message.includes(c.flag),
      );
    });
  }
});
