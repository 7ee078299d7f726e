/**
 * The memory-quality benchmark's drive of the real memory: before each simulated deploy it asks
 * `memory.context()` for the strategy, then records the drawn outcome as a deploy record.
 */
import type { DeployRecord, Strategy } from "../src/deploys/mod.ts";
import { createMemory, type DeployContext, InMemoryMemoryStore } from "../src/memory/mod.ts";
import { fixedClock, seqIds } from "../src/shared/mod.ts";
import { HISTORY_START, type SimDeploy } from "./_quality_history.ts";

function recordOf(d: SimDeploy, i: number, strategy: Strategy): DeployRecord {
  const key = `Deployment.apps/prod/${d.service}`;
  return {
    deployId: `01QUALITY${String(i).padStart(17, "0")}`,
    service: d.service,
    namespace: "prod",
    strategy,
    strategyReasons: [],
    status: d.failed ? "failed" : "completed",
    startedAt: new Date(d.at).toISOString(),
    finishedAt: new Date(d.at + 120_000).toISOString(),
    durationMs: 120_000,
    resources: [{
      key,
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: d.service,
      action: "configured",
    }],
    verified: !d.failed,
    driftCount: 0,
    images: [], // images never feed the strategy; one per deploy only slows the graph scans down
    dependsOn: d.dependsOn,
    warnings: [],
    ...(d.failed && d.errorClass
      ? {
        error: {
          code: "DEPLOY_FAILED",
          message: `pod ${d.service}-1: container ${d.service} is in ${d.errorClass}`,
          errorClass: d.errorClass,
        },
      }
      : {}),
  };
}

/** The rule before the failure rate: a `failed_with` weight above 0.15, or a failed dependency. */
function patternRule(ctx: DeployContext): boolean {
  return (ctx.known && ctx.failurePatterns.some((p) => p.confidence > 0.15)) ||
    ctx.dependencies.some((d) => d.lastStatus === "failed" || d.lastStatus === "rolledback");
}

/**
 * Replays a history through a fresh memory (an `InMemoryMemoryStore`, a manual clock set to each
 * deploy's start): the canary choices of memory, and of the `failed_with` rule it replaced.
 */
export async function memoryChoices(history: readonly SimDeploy[], canaryThreshold?: number) {
  const clock = fixedClock(HISTORY_START);
  const memory = createMemory(new InMemoryMemoryStore(), { clock, ids: seqIds("01QUALOCC") });
  const nopea: boolean[] = [];
  const before: boolean[] = [];
  for (const [i, d] of history.entries()) {
    clock.set(d.at);
    const ctx = await memory.context(d.service, "prod", canaryThreshold ? { canaryThreshold } : {});
    nopea.push(ctx.recommendedStrategy === "canary");
    before.push(patternRule(ctx));
    await memory.record(recordOf(d, i, ctx.recommendedStrategy));
  }
  return { nopea, before };
}
