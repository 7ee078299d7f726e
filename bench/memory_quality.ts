/**
 * Memory quality (DESIGN §9): on a seeded simulated history, how well memory's strategy choice
 * sends failing deploys through canary without sending healthy ones. The real memory
 * (`createMemory` over an `InMemoryMemoryStore`, a manual clock) is asked for the strategy before
 * each deploy and then records the drawn outcome; the outcome does not depend on the strategy.
 *
 * Run: `deno run -A bench/memory_quality.ts [--seed 1] [--services 200] [--days 60]`
 */
import type { DeployRecord, Strategy } from "../src/deploys/mod.ts";
import { createMemory, type DeployContext, InMemoryMemoryStore } from "../src/memory/mod.ts";
import { fixedClock, seqIds } from "../src/shared/mod.ts";
import { HISTORY_START, type SimDeploy, simulateHistory, WORLD } from "./_quality_history.ts";
import { bayesFilter, bestCut, elixirRule, type Score, score } from "./_quality_rules.ts";

/** One rule's figures. */
export interface QualityRow {
  /** The rule. */
  rule: string;
  /** How it did. */
  score: Score;
}

/** What {@linkcode measureQuality} measured. */
export interface QualityReport {
  /** Deploys simulated. */
  deploys: number;
  /** Of them, failing. */
  failing: number;
  /** Nopea, the rule before this change, the Elixir rule, always, never, the Bayes filter, the oracle. */
  rows: QualityRow[];
}

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
    resources: [{ key, apiVersion: "apps/v1", kind: "Deployment", name: d.service, action: "configured" }],
    verified: !d.failed,
    driftCount: 0,
    images: [`registry.example/${d.service}:${i}`],
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

/** Replays the history through the real memory: the strategy asked before each deploy. */
async function memoryChoices(history: readonly SimDeploy[]) {
  const clock = fixedClock(HISTORY_START);
  const memory = createMemory(new InMemoryMemoryStore(), { clock, ids: seqIds("01QUALOCC") });
  const nopea: boolean[] = [];
  const before: boolean[] = [];
  for (const [i, d] of history.entries()) {
    clock.set(d.at);
    const ctx = await memory.context(d.service, "prod");
    nopea.push(ctx.recommendedStrategy === "canary");
    before.push(patternRule(ctx));
    await memory.record(recordOf(d, i, ctx.recommendedStrategy));
  }
  return { nopea, before };
}

/** Simulates the history of `seed` and scores every rule on it. */
export async function measureQuality(
  options: { seed: number; services?: number; days?: number },
): Promise<QualityReport> {
  const history = simulateHistory(options);
  const { nopea, before } = await memoryChoices(history);
  const rows: [string, boolean[]][] = [
    ["Nopea (failure rate, last deploy, dependencies)", nopea],
    ["Nopea before (failed_with weight > 0.15)", before],
    ["Elixir rule (weight > 0.15, no counter-evidence)", elixirRule(history)],
    ["always canary", history.map(() => true)],
    ["never canary", history.map(() => false)],
    ["Bayes filter knowing the world (best cut)", bestCut(history, bayesFilter(history, WORLD))],
    ["oracle knowing each true p (best cut)", bestCut(history, history.map((d) => d.p))],
  ];
  return {
    deploys: history.length,
    failing: history.filter((d) => d.failed).length,
    rows: rows.map(([rule, canary]) => ({ rule, score: score(history, canary) })),
  };
}

const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);

/** The report as a table and the lines that compare Nopea with the Elixir rule and the targets. */
export function renderQuality(report: QualityReport): string {
  const width = Math.max(...report.rows.map((r) => r.rule.length));
  const lines = [
    `${"rule".padEnd(width)}  recall  healthy-canary  precision     J`,
    ...report.rows.map(({ rule, score: s }) =>
      `${rule.padEnd(width)}  ${f2(s.recall).padStart(6)}  ${f2(s.healthyCanary).padStart(14)}  ` +
      `${f2(s.precision).padStart(9)}  ${f2(s.j).padStart(4)}`
    ),
  ];
  const [nopea, , elixir] = report.rows.map((r) => r.score) as [Score, Score, Score];
  const diff = nopea.j - elixir.j;
  lines.push(
    "",
    `Nopea J − Elixir J = ${diff >= 0 ? "+" : ""}${f3(diff)} (target ≥ +0.10): ${diff >= 0.1 ? "met" : "NOT met"}`,
    `Nopea J / Elixir J = ${(nopea.j / elixir.j).toFixed(2)}×`,
    `Nopea recall ${f2(nopea.recall)} (target ≥ 0.60), healthy-canary ${f2(nopea.healthyCanary)} ` +
      `(target ≤ 0.20): ${nopea.recall >= 0.6 && nopea.healthyCanary <= 0.2 ? "met" : "NOT met"}`,
  );
  return lines.join("\n");
}

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(Deno.args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`--${name} needs a whole number`);
  return value;
}

if (import.meta.main) {
  const options = { seed: flag("seed", 1), services: flag("services", 200), days: flag("days", 60) };
  const started = performance.now();
  const report = await measureQuality(options);
  console.log(
    `Memory quality: seed ${options.seed}, ${options.services} services, ${options.days} days, ` +
      `${report.deploys} deploys, ${report.failing} failing (${Math.round(report.failing / report.deploys * 100)}%)\n`,
  );
  console.log(renderQuality(report));
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
