import { deepEqual, equal, throws } from "node:assert/strict";
import { isNopeaError } from "../../src/shared/mod.ts";
import { selectStrategy, type StrategyContext, type StrategySpec } from "../../src/strategy/mod.ts";

const unknown: StrategyContext = {
  service: "api",
  known: false,
  failureRate: { estimate: 0.1, failures: 0, deploys: 0 },
  dependencies: [],
};
const healthy: StrategyContext = {
  service: "api",
  known: true,
  failureRate: { estimate: 0.04, failures: 0, deploys: 20 },
  dependencies: [{ service: "cache", lastStatus: "completed" }, { service: "ext" }],
};
const flaky: StrategyContext = {
  ...healthy,
  failureRate: { estimate: 0.3, failures: 6, deploys: 20 },
};
const justFailed: StrategyContext = {
  ...healthy,
  failureRate: {
    estimate: 0.09,
    failures: 1,
    deploys: 20,
    lastFailure: { status: "failed", errorClass: "CrashLoopBackOff" },
  },
};
const rolledBack: StrategyContext = {
  ...healthy,
  failureRate: { ...justFailed.failureRate, lastFailure: { status: "rolledback" } },
};
const brokenDep: StrategyContext = {
  ...healthy,
  dependencies: [{ service: "db", lastStatus: "rolledback" }],
};

Deno.test("selectStrategy() follows DESIGN §4.5 with the failure rate", async (t) => {
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
      context: flaky,
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
      name: "a failure rate above the threshold means canary, in checkable words",
      spec: {},
      context: flaky,
      expected: "canary",
      reason:
        /^"api" fails about 30% of its deploys: 6 of its last 20 failed, not counting deploys right after a failure \(threshold 20%\)$/,
    },
    {
      name: "a failed last deploy means canary",
      spec: {},
      context: justFailed,
      expected: "canary",
      reason: /^"api" failed with CrashLoopBackOff before, in its last deploy$/,
    },
    {
      name: "a rolled back last deploy means canary",
      spec: {},
      context: rolledBack,
      expected: "canary",
      reason: /^"api" failed and was rolled back in its last deploy$/,
    },
    {
      name: "a dependency rolled back last time means canary",
      spec: {},
      context: brokenDep,
      expected: "canary",
      reason: /^dependency "db" was rolled back in its last deploy$/,
    },
    {
      name: "a healthy service goes direct, and the reason says why",
      spec: {},
      context: healthy,
      expected: "direct",
      reason:
        /^"api" fails about 4% of its deploys: 0 of its last 20 failed.*\(threshold 20%\), its last deploy did not fail and no dependency failed in its last deploy$/,
    },
    {
      name: "a lower configured threshold canaries the healthy service",
      spec: {},
      context: healthy,
      threshold: 0.03,
      expected: "canary",
      reason: /fails about 4% .*\(threshold 3%\)/,
    },
    {
      name: "a higher configured threshold lets the flaky service go direct",
      spec: {},
      context: flaky,
      threshold: 0.5,
      expected: "direct",
      reason: /fails about 30% .*\(threshold 50%\)/,
    },
    {
      name: "an unknown service is not canaried by the prior",
      spec: {},
      context: unknown,
      threshold: 0.05,
      expected: "direct",
      reason: /no deploy history/,
    },
    {
      name: "a known service with no finished deploy says so",
      spec: {},
      context: { ...healthy, failureRate: { estimate: 0.1, failures: 0, deploys: 0 } },
      expected: "direct",
      reason: /fails about 10% of its deploys: none has finished yet/,
    },
    {
      name: "instant cutover",
      spec: { instantCutover: true },
      context: healthy,
      expected: "blue_green",
      reason: /instant cutover/,
    },
    {
      name: "canary beats instant cutover",
      spec: { instantCutover: true },
      context: flaky,
      expected: "canary",
      reason: /fails about 30%/,
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

Deno.test("selectStrategy() gives one reason per cause: last deploy, rate, each failed dependency", () => {
  const context: StrategyContext = {
    ...flaky,
    failureRate: { ...flaky.failureRate, lastFailure: { status: "failed" } },
    dependencies: [
      { service: "db", lastStatus: "failed" },
      { service: "cache", lastStatus: "completed" },
      { service: "queue", lastStatus: "rolledback" },
    ],
  };
  deepEqual(selectStrategy({}, context).reasons, [
    `"api" failed before, in its last deploy`,
    `"api" fails about 30% of its deploys: 6 of its last 20 failed, not counting deploys right after a failure (threshold 20%)`,
    `dependency "db" failed in its last deploy`,
    `dependency "queue" was rolled back in its last deploy`,
  ]);
});

Deno.test("selectStrategy() rejects a threshold outside [0, 1]", async (t) => {
  for (const threshold of [-0.1, 1.5, Number.NaN]) {
    await t.step(String(threshold), () => {
      throws(
        () => selectStrategy({}, unknown, { canaryThreshold: threshold }),
        (e) => isNopeaError(e) && e.code === "SPEC_INVALID" && /failure rate/.test(e.hint ?? ""),
      );
    });
  }
});
