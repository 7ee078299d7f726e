import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { selectStrategy, type StrategyContext, type StrategySpec } from "../../src/strategy/mod.ts";

const unknown: StrategyContext = {
  service: "api",
  known: false,
  failurePatterns: [],
  dependencies: [],
};
const risky: StrategyContext = {
  service: "api",
  known: true,
  failurePatterns: [{ errorClass: "ImagePullBackOff", confidence: 0.2, timesSeen: 1 }],
  dependencies: [],
};
const calm: StrategyContext = {
  ...risky,
  failurePatterns: [{ errorClass: "Timeout", confidence: 0.1, timesSeen: 4 }],
};
const brokenDep: StrategyContext = {
  ...calm,
  dependencies: [{ service: "db", lastStatus: "rolledback" }],
};

Deno.test("selectStrategy() follows DESIGN §4.5", async (t) => {
  const cases: {
    name: string;
    spec: StrategySpec;
    context: StrategyContext;
    threshold?: number;
    expected: string;
    reason: RegExp;
  }[] = [
    {
      name: "explicit wins over memory",
      spec: { strategy: "direct" },
      context: risky,
      expected: "direct",
      reason: /requested explicitly/,
    },
    {
      name: "explicit blue_green",
      spec: { strategy: "blue_green" },
      context: unknown,
      expected: "blue_green",
      reason: /explicitly/,
    },
    {
      name: "a pattern above the threshold",
      spec: {},
      context: risky,
      expected: "canary",
      reason: /ImagePullBackOff before \(seen once, confidence 0\.2 above the threshold 0\.15\)/,
    },
    {
      name: "a pattern below the threshold",
      spec: {},
      context: calm,
      expected: "direct",
      reason: /no failure pattern/,
    },
    {
      name: "a lower configured threshold",
      spec: {},
      context: calm,
      threshold: 0.05,
      expected: "canary",
      reason: /seen 4 times/,
    },
    {
      name: "a higher configured threshold",
      spec: {},
      context: risky,
      threshold: 0.5,
      expected: "direct",
      reason: /threshold 0\.5/,
    },
    {
      name: "a dependency rolled back last time",
      spec: {},
      context: brokenDep,
      expected: "canary",
      reason: /dependency "db" was rolled back/,
    },
    {
      name: "an unknown service with patterns is not canaried",
      spec: {},
      context: { ...risky, known: false },
      expected: "direct",
      reason: /no deploy history/,
    },
    {
      name: "instant cutover",
      spec: { instantCutover: true },
      context: calm,
      expected: "blue_green",
      reason: /instant cutover/,
    },
    {
      name: "canary beats instant cutover",
      spec: { instantCutover: true },
      context: risky,
      expected: "canary",
      reason: /ImagePullBackOff/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const choice = selectStrategy(
        c.spec,
        c.context,
        c.threshold === undefined ? {} : { canaryThreshold: c.threshold },
      );
      equal(choice.strategy, c.expected);
      equal(choice.reasons.some((r) => c.reason.test(r)), true, choice.reasons.join(" | "));
    });
  }
});

Deno.test("selectStrategy() gives one reason per pattern and failed dependency", () => {
  const context: StrategyContext = {
    ...risky,
    failurePatterns: [...risky.failurePatterns, {
      errorClass: "Timeout",
      confidence: 0.9,
      timesSeen: 2,
    }],
    dependencies: [{ service: "db", lastStatus: "failed" }, {
      service: "cache",
      lastStatus: "completed",
    }],
  };
  deepEqual(selectStrategy({}, context).reasons.length, 3);
});

Deno.test("selectStrategy() rejects a threshold outside [0, 1]", async (t) => {
  for (const threshold of [-0.1, 1.5, Number.NaN]) {
    await t.step(String(threshold), () => {
      throws(
        () => selectStrategy({}, unknown, { canaryThreshold: threshold }),
        (e) => isNopeaError(e) && e.code === "SPEC_INVALID",
      );
    });
  }
});
