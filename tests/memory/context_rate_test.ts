import { deepEqual, equal, match, ok } from "node:assert/strict";
import { fixedClock, seqIds } from "../../src/shared/mod.ts";
import type { DeployRecord } from "../../src/deploys/mod.ts";
import { createMemory, InMemoryMemoryStore } from "../../src/memory/mod.ts";
import { buildRecord, hoursAfter } from "./_factory.ts";

/** Deploys of `service` an hour apart from a string: `s` completed, `f` failed, `x` refused. */
function deploys(steps: string, service = "api", extra: Partial<DeployRecord> = {}) {
  return [...steps].map((c, i) =>
    buildRecord({
      service,
      finishedAt: hoursAfter(i),
      ...extra,
      ...(c === "f"
        ? {
          status: "failed",
          error: { code: "DEPLOY_FAILED", message: `container ${service} is in CrashLoopBackOff` },
        }
        : c === "x"
        ? { status: "refused", error: { code: "KUBE_CONFLICT", message: "conflict" } }
        : {}),
    })
  );
}

/** A memory holding `records`, read an hour after the last one finished. */
async function memoryWith(records: DeployRecord[]) {
  const last = Math.max(...records.map((r) => Date.parse(r.finishedAt)));
  const memory = createMemory(new InMemoryMemoryStore(), {
    clock: fixedClock(last + 3_600_000),
    ids: seqIds(),
  });
  for (const r of records) await memory.record(r);
  return memory;
}

const SIX_OF_TWENTY = "sfs".repeat(6) + "s".repeat(8);

Deno.test("context() sends a service that fails often through canary and says how often", async () => {
  const memory = await memoryWith(deploys(SIX_OF_TWENTY));
  const ctx = await memory.context("api", "prod");
  deepEqual(ctx.failureRate, { estimate: 0.201, failures: 6, deploys: 20 });
  equal(ctx.recommendedStrategy, "canary");
  deepEqual(ctx.reasons, [
    `"api" fails about 20.1% of its deploys: 6 of its last 20 failed, not counting deploys right after a failure (threshold 20%)`,
  ]);
  equal(
    (await memory.context("api", "prod", { canaryThreshold: 0.25 })).recommendedStrategy,
    "direct",
  );
});

Deno.test("context() chooses by the failure rate, the last deploy and the dependencies", async (t) => {
  const cases = [
    {
      name: "healthy: direct",
      records: deploys("ssssss"),
      strategy: "direct",
      reason: /fails about 6%/,
    },
    {
      name: "the last deploy failed: canary",
      records: deploys("sssssf"),
      strategy: "canary",
      reason: /^"api" failed with CrashLoopBackOff before, in its last deploy$/,
    },
    {
      name: "a dependency's last deploy failed: canary",
      records: [...deploys("sf", "db"), ...deploys("ssssss", "api", { dependsOn: ["db"] })],
      strategy: "canary",
      reason: /^dependency "db" failed in its last deploy$/,
    },
    {
      name: "a refused deploy is no failure: direct",
      records: deploys("sssssx"),
      strategy: "direct",
      reason: /0 of its last 5 failed/,
    },
    {
      name: "a success after one failure: direct, though its failed_with weight is above 0.15",
      records: deploys("ssssfs"),
      strategy: "direct",
      pattern: true,
      reason: /fails about 14% of its deploys: 1 of its last 5 failed/,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const ctx = await (await memoryWith(c.records)).context("api", "prod");
      equal(ctx.recommendedStrategy, c.strategy);
      if (c.pattern) ok((ctx.failurePatterns[0]?.confidence ?? 0) > 0.15, "the old rule's canary");
      ok(ctx.reasons.some((r) => c.reason.test(r)), ctx.reasons.join(" | "));
    });
  }
});

Deno.test("explain() shows the failure rate when the failure patterns have faded", async () => {
  const memory = await memoryWith(deploys(SIX_OF_TWENTY));
  const e = await memory.explain("api");
  const at = e.sentences.findIndex((s) => s.startsWith("It fails about"));
  equal(
    e.sentences[at],
    "It fails about 20% of its deploys: 6 of its last 20 failed, not counting deploys right after " +
      "a failure (recent deploys weigh more; every service starts at 1 failure in 10).",
  );
  equal(e.sentences[at - 1], "No failure pattern is active: earlier failures, if any, have faded.");
  match(
    e.sentences.at(-1) ?? "",
    /^Recommended strategy: canary, because "api" fails about 20\.1%/,
  );
});
