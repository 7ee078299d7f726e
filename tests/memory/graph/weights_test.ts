import { equal } from "node:assert/strict";
import { clamp01, decayed, ewma, weaken } from "../../../src/memory/graph/mod.ts";

const HOUR = 3_600_000;

Deno.test("ewma() moves a weight by α = 0.3 towards the observation", async (t) => {
  const cases = [
    { name: "0.5 observed at 0.8 gives 0.59", current: 0.5, obs: 0.8, expected: 0.59 },
    { name: "0.59 observed at 0.8 gives 0.653", current: 0.59, obs: 0.8, expected: 0.653 },
    { name: "0.9 observed at 0 gives 0.63", current: 0.9, obs: 0, expected: 0.63 },
    { name: "an observation above 1 is clamped", current: 0.5, obs: 7, expected: 0.65 },
    { name: "a negative current weight is clamped", current: -3, obs: 1, expected: 0.3 },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(Number(ewma(c.current, c.obs).toFixed(6)), c.expected));
  }
});

Deno.test("weaken() multiplies and clamps to [0, 1]", async (t) => {
  const cases = [
    { name: "halves by 0.5", weight: 0.8, factor: 0.5, expected: 0.4 },
    { name: "twice halved", weight: 0.4, factor: 0.5, expected: 0.2 },
    { name: "a factor above 1 cannot exceed 1", weight: 0.8, factor: 2, expected: 1 },
    { name: "a negative factor gives 0", weight: 0.8, factor: -1, expected: 0 },
  ];
  for (const c of cases) {
    await t.step(c.name, () => equal(weaken(c.weight, c.factor), c.expected));
  }
});

Deno.test("decayed() multiplies by 0.98 per simulated hour", async (t) => {
  const cases = [
    { name: "no time passed", hours: 0, expected: 0.5 },
    { name: "one hour", hours: 1, expected: 0.49 },
    { name: "half an hour is continuous", hours: 0.5, expected: 0.5 * Math.sqrt(0.98) },
    { name: "a day", hours: 24, expected: 0.5 * 0.98 ** 24 },
    { name: "a week", hours: 168, expected: 0.5 * 0.98 ** 168 },
    { name: "time running backwards changes nothing", hours: -5, expected: 0.5 },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      equal(decayed(0.5, 0, c.hours * HOUR).toFixed(12), c.expected.toFixed(12));
    });
  }
});

Deno.test("clamp01() maps NaN to 0", () => {
  equal(clamp01(Number.NaN), 0);
});

Deno.test("decayed() gives Math.pow's number for spans asked for again, in any order", () => {
  // More spans than it remembers, each asked for several times, interleaved.
  const spans = Array.from({ length: 12 }, (_, k) => (k + 1) * 997_003);
  for (let round = 0; round < 3; round++) {
    for (const [k, span] of spans.entries()) {
      const order = round === 1 ? spans[spans.length - 1 - k] as number : span;
      equal(decayed(0.7, 5_000, 5_000 + order), 0.7 * Math.pow(0.98, order / HOUR));
      equal(decayed(0.3, 0, order), 0.3 * Math.pow(0.98, order / HOUR));
    }
  }
});
