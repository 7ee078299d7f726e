/**
 * Memory quality (DESIGN §9): on a seeded simulated history, how well memory's strategy choice
 * sends failing deploys through canary without sending healthy ones. The real memory
 * (`createMemory` over an `InMemoryMemoryStore`, a manual clock) is asked for the strategy before
 * each deploy and then records the drawn outcome; the outcome does not depend on the strategy.
 *
 * Run: `deno run -A bench/memory_quality.ts [--seed 1] [--fleets 10] [--services 40] [--days 60]`
 */
import { DEFAULT_CANARY_THRESHOLD } from "../src/strategy/mod.ts";
import { type SimDeploy, simulateHistory, WORLD } from "./_quality_history.ts";
import { memoryChoices } from "./_quality_memory.ts";
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

/** Options of {@linkcode measureQuality}. */
export interface QualityOptions {
  /** The seed: fleet `k` simulates with seed `seed × 1000 + k`. */
  seed: number;
  /** Independent fleets, each with its own memory; the figures pool them. @default 10 */
  fleets?: number;
  /** Services per fleet. @default 40 */
  services?: number;
  /** Days simulated. @default 60 */
  days?: number;
  /** Nopea's canary threshold (a failure rate). @default DEFAULT_CANARY_THRESHOLD */
  canaryThreshold?: number;
}

/** Simulates `fleets` histories from `seed`, replays each through its own memory, scores every rule. */
export async function measureQuality(options: QualityOptions): Promise<QualityReport> {
  const history: SimDeploy[] = [];
  const nopea: boolean[] = [];
  const before: boolean[] = [];
  const elixir: boolean[] = [];
  const bayes: number[] = [];
  for (let k = 0; k < (options.fleets ?? 10); k++) {
    const fleet = simulateHistory({ ...options, seed: options.seed * 1000 + k });
    const chosen = await memoryChoices(fleet, options.canaryThreshold);
    history.push(...fleet);
    nopea.push(...chosen.nopea);
    before.push(...chosen.before);
    elixir.push(...elixirRule(fleet));
    bayes.push(...bayesFilter(fleet, WORLD));
  }
  const rows: [string, boolean[]][] = [
    ["Nopea (failure rate, last deploy, dependencies)", nopea],
    ["Nopea before (failed_with weight > 0.15)", before],
    ["Elixir rule (weight > 0.15, no counter-evidence)", elixir],
    ["always canary", history.map(() => true)],
    ["never canary", history.map(() => false)],
    ["Bayes filter knowing the world (best cut)", bestCut(history, bayes)],
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
    `Nopea J − Elixir J = ${diff >= 0 ? "+" : ""}${f3(diff)} (target ≥ +0.10): ${
      diff >= 0.1 ? "met" : "NOT met"
    }`,
    `Nopea J / Elixir J = ${(nopea.j / elixir.j).toFixed(2)}×`,
    `Nopea recall ${f3(nopea.recall)} (target ≥ 0.60), healthy-canary ${f3(nopea.healthyCanary)} ` +
      `(target ≤ 0.20): ${nopea.recall >= 0.6 && nopea.healthyCanary <= 0.2 ? "met" : "NOT met"}`,
  );
  return lines.join("\n");
}

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(Deno.args[at + 1]) : fallback;
  if (!(value > 0)) throw new RangeError(`--${name} needs a positive number`);
  return value;
}

if (import.meta.main) {
  const options = {
    seed: flag("seed", 1),
    fleets: flag("fleets", 10),
    services: flag("services", 40),
    days: flag("days", 60),
    canaryThreshold: flag("threshold", DEFAULT_CANARY_THRESHOLD),
  };
  const started = performance.now();
  const report = await measureQuality(options);
  console.log(
    `Memory quality: seed ${options.seed}, ${options.fleets} fleets of ${options.services} services, ` +
      `${options.days} days, canary threshold ${options.canaryThreshold}, ` +
      `${report.deploys} deploys, ${report.failing} failing (${
        Math.round(report.failing / report.deploys * 100)
      }%)\n`,
  );
  console.log(renderQuality(report));
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
