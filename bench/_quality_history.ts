/**
 * A seeded, simulated deploy history for the memory-quality benchmark: services with skewed
 * failure rates, bad changes (regressions) that appear and are fixed by a later deploy,
 * dependencies whose bad changes make their dependents fail, several error classes, and quick
 * re-deploys after a failure. Pure.
 */

/** One simulated deploy, in time order, with the truth the rules do not see. */
export interface SimDeploy {
  /** The service. */
  service: string;
  /** Services it depends on. */
  dependsOn: string[];
  /** When it starts (ms). */
  at: number;
  /** Its true failure probability (what the oracle knows). */
  p: number;
  /** The drawn outcome. */
  failed: boolean;
  /** The error class of a failure. */
  errorClass?: string;
}

/** How the simulated world behaves. */
export interface World {
  /** Kinds of service: their share and the range of their own failure rate. */
  tiers: readonly { share: number; from: number; to: number }[];
  /** Deploys a day per service, drawn log-uniformly from this range. */
  perDay: readonly [number, number];
  /** The chance that a deploy brings a bad change. */
  regression: number;
  /** The failure probability of deploys while a bad change is live. */
  regressionFailure: number;
  /** The chance that a deploy after a bad change fixes it. */
  fix: number;
  /** The chance that a dependency's live bad change makes a dependent's deploy fail. */
  dependencyHit: number;
  /** The chance that a failure is followed by a quick re-deploy (10 to 60 minutes). */
  burst: number;
}

/** The world of the benchmark (see docs/benchmarks.md for how it was calibrated). */
export const WORLD: World = {
  tiers: [
    { share: 0.75, from: 0.01, to: 0.05 },
    { share: 0.1, from: 0.05, to: 0.15 },
    { share: 0.15, from: 0.2, to: 0.4 },
  ],
  perDay: [0.5, 6],
  regression: 0.02,
  regressionFailure: 0.9,
  fix: 0.33,
  dependencyHit: 0.5,
  burst: 0.85,
};

const DAY = 86_400_000;
/** The day the history starts. */
export const HISTORY_START = Date.parse("2026-01-05T00:00:00Z");
const CLASSES = "ImagePullBackOff ProgressDeadlineExceeded Timeout CreateContainerConfigError"
  .split(" ");

/** A seeded pseudo-random source (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Service {
  name: string;
  base: number;
  perDay: number;
  deps: number[];
  cls: string;
  broken: boolean;
  next: number;
}

function service(i: number, rnd: () => number, w: World): Service {
  let u = rnd();
  const tier = w.tiers.find((t) => (u -= t.share) < 0) ?? w.tiers.at(-1)!;
  const base = tier.from + (tier.to - tier.from) * rnd();
  const deps = [0.6, 0.3].filter((chance) => i > 0 && rnd() < chance).map(() =>
    Math.floor(rnd() * i)
  );
  const [lo, hi] = w.perDay;
  const perDay = lo * Math.pow(hi / lo, rnd());
  return {
    name: `svc-${String(i).padStart(2, "0")}`,
    base,
    perDay,
    deps: [...new Set(deps)],
    cls: CLASSES[Math.floor(rnd() * CLASSES.length)] as string,
    broken: false,
    next: HISTORY_START + rnd() * DAY / perDay,
  };
}

/** Moves the service's bad change on and returns the deploy's failure probability and classes. */
function draw(s: Service, all: Service[], rnd: () => number, w: World) {
  if (!s.broken) s.broken = rnd() < w.regression;
  else s.broken = rnd() >= w.fix;
  let ok = 1 - (s.broken ? Math.max(s.base, w.regressionFailure) : s.base);
  const causes = [s.broken ? "CrashLoopBackOff" : s.cls];
  for (const d of s.deps) {
    if (all[d]?.broken) {
      ok *= 1 - w.dependencyHit;
      causes.push("Timeout");
    }
  }
  return { p: 1 - ok, causes };
}

/**
 * Simulates `days` (default 60) of deploys of `services` (default 40) services, oldest first:
 * the same seed gives the same history.
 */
export function simulateHistory(
  options: { seed: number; services?: number; days?: number },
  w: World = WORLD,
): SimDeploy[] {
  const rnd = seededRandom(options.seed);
  const all = Array.from({ length: options.services ?? 40 }, (_, i) => service(i, rnd, w));
  const end = HISTORY_START + (options.days ?? 60) * DAY;
  const out: SimDeploy[] = [];
  for (;;) {
    const s = all.reduce((a, b) => (b.next < a.next ? b : a));
    if (s.next >= end) return out;
    const { p, causes } = draw(s, all, rnd, w);
    const failed = rnd() < p;
    const errorClass = failed ? causes[Math.floor(rnd() * causes.length)] : undefined;
    const dependsOn = s.deps.map((d) => (all[d] as Service).name);
    out.push({
      service: s.name,
      dependsOn,
      at: s.next,
      p,
      failed,
      ...(errorClass ? { errorClass } : {}),
    });
    const quick = failed && rnd() < w.burst;
    const gap = quick ? (10 + 50 * rnd()) * 60_000 : -Math.log(1 - rnd()) * DAY / s.perDay;
    s.next += Math.max(gap, 10 * 60_000);
  }
}
