import { deepEqual, equal } from "node:assert/strict";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { failureRateOf, outcomeOf } from "../../src/memory/failure_rate.ts";
import { buildRecord } from "./_factory.ts";

/**
 * Records from a string, oldest first: `s` completed, `f` failed (CrashLoopBackOff), `r` failed
 * and rolled back, `b` a rollback that went through, `p` progressing, `x` refused, `h` a completed
 * heal, `i` an interrupted deploy, `u` an unreachable cluster.
 */
function history(steps: string): DeployRecord[] {
  const error = (code: string, message: string) => ({ error: { code, message } });
  const kinds: Record<string, Partial<DeployRecord>> = {
    s: {},
    f: { status: "failed", ...error("DEPLOY_FAILED", "container api is in CrashLoopBackOff") },
    r: { status: "rolledback", ...error("ROLLOUT_FAILED", "rollout phase Failed") },
    b: { status: "rolledback", rollbackOf: "01PREVIOUS", operation: "rollback" },
    p: { status: "progressing" },
    x: { status: "refused", ...error("KUBE_CONFLICT", "conflict with kubectl") },
    h: { operation: "heal" },
    i: { status: "failed", ...error("DEPLOY_INTERRUPTED", "stopped by SIGINT") },
    u: { status: "failed", ...error("KUBE_UNREACHABLE", "connection refused") },
  };
  return [...steps].map((c) => buildRecord(kinds[c]));
}

Deno.test("failureRateOf() estimates a discounted Beta posterior from the deploys memory keeps", async (t) => {
  // Every deploy is a success unless noted; with w = 0.97^i the estimate is (1 + Σ w·f) / (10 + Σ w).
  const sixOfTwenty = "sfs".repeat(6) + "ss"; // 6 failures, each followed by an uncounted retry
  const cases = [
    { name: "no history: the prior, 10%", steps: "", estimate: 0.1, failures: 0, deploys: 0 },
    {
      name: "one failure in two deploys reads about 17%, not 50%",
      steps: "sf",
      estimate: 0.167,
      failures: 1,
      deploys: 2,
    },
    {
      name: "one success: a little under the prior",
      steps: "s",
      estimate: 0.091,
      failures: 0,
      deploys: 1,
    },
    {
      name: "6 of 20 (retries after a failure not counted)",
      steps: sixOfTwenty + "ssssss",
      estimate: 0.201,
      failures: 6,
      deploys: 20,
    },
    {
      name: "the same 6 failures as the newest deploys weigh more",
      steps: "s".repeat(14) + "fs".repeat(5) + "f",
      estimate: 0.261,
      failures: 6,
      deploys: 20,
    },
    {
      name: "the same 6 failures long ago are discounted",
      steps: "fs".repeat(6) + "s".repeat(14),
      estimate: 0.184,
      failures: 6,
      deploys: 20,
    },
    {
      name: "a streak of failures counts once",
      steps: "ssfff",
      estimate: 0.155,
      failures: 1,
      deploys: 3,
    },
    {
      name: "at most the newest 50 count",
      steps: "f" + "s".repeat(60),
      estimate: 0.028,
      failures: 0,
      deploys: 50,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const rate = failureRateOf(history(c.steps));
      deepEqual([rate.estimate, rate.failures, rate.deploys], [c.estimate, c.failures, c.deploys]);
    });
  }
});

Deno.test("failureRateOf() counts only the service's own outcomes", async (t) => {
  const cases = [
    { steps: "p", outcome: undefined, why: "a deploy in progress" },
    { steps: "x", outcome: undefined, why: "a refused deploy" },
    { steps: "h", outcome: undefined, why: "a heal re-applying the last deploy" },
    { steps: "i", outcome: undefined, why: "an interrupted deploy" },
    { steps: "u", outcome: undefined, why: "an unreachable cluster" },
    { steps: "b", outcome: undefined, why: "a rollback that went through" },
    { steps: "r", outcome: "failure", why: "a failed deploy that was rolled back" },
    { steps: "f", outcome: "failure", why: "a failed deploy" },
    { steps: "s", outcome: "success", why: "a completed deploy" },
  ];
  for (const c of cases) {
    await t.step(`${c.why}: ${c.outcome ?? "not counted"}`, () => {
      const [record] = history(c.steps);
      equal(outcomeOf(record!), c.outcome);
      const rate = failureRateOf(history(`s${c.steps}s`));
      equal(rate.deploys, c.outcome === "success" ? 3 : 2);
    });
  }
});

Deno.test("failureRateOf() tells when the last counted deploy failed, and with what", async (t) => {
  const cases = [
    { steps: "sf", last: { status: "failed", errorClass: "CrashLoopBackOff" } },
    { steps: "sfp", last: { status: "failed", errorClass: "CrashLoopBackOff" } },
    { steps: "sfx", last: { status: "failed", errorClass: "CrashLoopBackOff" } },
    { steps: "sr", last: { status: "rolledback", errorClass: "RolloutFailed" } },
    { steps: "sfs", last: undefined },
    { steps: "sfb", last: { status: "failed", errorClass: "CrashLoopBackOff" } },
    { steps: "", last: undefined },
  ];
  for (const c of cases) {
    await t.step(
      `"${c.steps}"`,
      () => deepEqual(failureRateOf(history(c.steps)).lastFailure, c.last),
    );
  }
});
