/**
 * The reference rules of the memory-quality benchmark, and its score: the Elixir original's rule,
 * an exact online Bayes filter that knows how the simulated world works, and the best cut of a
 * score chosen in hindsight (for the filter and for the oracle that knows each true probability).
 */
import { decayed, ewma } from "../src/memory/mod.ts";
import type { SimDeploy, World } from "./_quality_history.ts";

/** How a rule did: failing deploys caught, healthy deploys sent through canary. */
export interface Score {
  /** Failing deploys sent through canary, of all failing deploys. */
  recall: number;
  /** Healthy deploys sent through canary, of all healthy deploys. */
  healthyCanary: number;
  /** Failing deploys among the canaries. */
  precision: number;
  /** recall − healthyCanary (Youden's J). */
  j: number;
}

/** Scores canary choices (`true` = canary), one per deploy of the history. */
export function score(history: readonly SimDeploy[], canary: readonly boolean[]): Score {
  let caught = 0, failing = 0, wasted = 0, healthy = 0;
  history.forEach((d, i) => {
    if (d.failed) [failing, caught] = [failing + 1, caught + (canary[i] ? 1 : 0)];
    else [healthy, wasted] = [healthy + 1, wasted + (canary[i] ? 1 : 0)];
  });
  const recall = caught / Math.max(failing, 1);
  const healthyCanary = wasted / Math.max(healthy, 1);
  const precision = caught / Math.max(caught + wasted, 1);
  return { recall, healthyCanary, precision, j: recall - healthyCanary };
}

/** The choices of "canary when the score is at least the cut", for the cut with the best J. */
export function bestCut(history: readonly SimDeploy[], scores: readonly number[]): boolean[] {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const failing = history.filter((d) => d.failed).length;
  const healthy = history.length - failing;
  let j = 0, best = 0, bestAt = 0;
  order.forEach((i, k) => {
    j += history[i]?.failed ? 1 / failing : -1 / healthy;
    if (j > best && scores[i] !== scores[order[k + 1] ?? -1]) [best, bestAt] = [j, k + 1];
  });
  const canary = history.map(() => false);
  for (const i of order.slice(0, bestAt)) canary[i] = true;
  return canary;
}

/**
 * The Elixir original: a failure sets `failed_with` to 0.5 (then EWMA towards 0.8), weights decay
 * by 0.98 an hour, successes change nothing; canary while any weight is above 0.15.
 */
export function elixirRule(history: readonly SimDeploy[]): boolean[] {
  const weights = new Map<string, Map<string, { w: number; at: number }>>();
  return history.map((d) => {
    const mine = weights.get(d.service) ?? new Map<string, { w: number; at: number }>();
    weights.set(d.service, mine);
    const canary = [...mine.values()].some((x) => decayed(x.w, x.at, d.at) > 0.15);
    if (d.failed && d.errorClass) {
      const was = mine.get(d.errorClass);
      mine.set(d.errorClass, { w: was ? ewma(decayed(was.w, was.at, d.at), 0.8) : 0.5, at: d.at });
    }
    return canary;
  });
}

/**
 * The exact online Bayes filter of the simulated world: per service, a posterior over its own
 * failure rate (a grid under the tiers' prior) and whether a bad change is live; a dependency's
 * chance of a live bad change is its own posterior. Returns each deploy's predicted failure chance.
 */
export function bayesFilter(history: readonly SimDeploy[], w: World): number[] {
  const grid = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 200);
  const prior = grid.map((p) =>
    w.tiers.reduce((a, t) => a + (p >= t.from && p < t.to ? t.share / (t.to - t.from) : 0), 0)
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const state = new Map<string, { ok: number[]; broken: number[] }>();
  return history.map((d) => {
    const s = state.get(d.service) ??
      { ok: prior.map((x) => x / sum(prior)), broken: grid.map(() => 0) };
    state.set(d.service, s);
    s.ok.forEach((a, i) => {
      const b = s.broken[i] as number;
      s.ok[i] = a * (1 - w.regression) + b * w.fix;
      s.broken[i] = a * w.regression + b * (1 - w.fix);
    });
    let depOk = 1;
    for (const dep of d.dependsOn) {
      const t = state.get(dep);
      depOk *= 1 - w.dependencyHit * (t ? sum(t.broken) : 0);
    }
    const pOk = grid.map((p) => (1 - p) * depOk);
    const pBroken = grid.map((p) => (1 - Math.max(p, w.regressionFailure)) * depOk);
    const predicted = 1 - sum(s.ok.map((x, i) => x * pOk[i]!)) -
      sum(s.broken.map((x, i) => x * pBroken[i]!));
    s.ok = s.ok.map((x, i) => x * (d.failed ? 1 - pOk[i]! : pOk[i]!));
    s.broken = s.broken.map((x, i) => x * (d.failed ? 1 - pBroken[i]! : pBroken[i]!));
    const z = sum(s.ok) + sum(s.broken);
    s.ok = s.ok.map((x) => x / z);
    s.broken = s.broken.map((x) => x / z);
    return predicted;
  });
}
