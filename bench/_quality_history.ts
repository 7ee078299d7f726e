/**
 * A seeded, simulated deploy history for the memory-quality benchmark: services with skewed
 * failure rates, regressions that appear and are fixed, dependencies whose failed deploys make
 * their dependents fail, several error classes, and quick re-deploys after a failure. Pure.
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

/** Options of {@linkcode simulateHistory}. */
export interface HistoryOptions {
  /** The seed: the same seed gives the same history. */
  seed: number;
  /** Services. @default 40 */
  services?: number;
  /** Days simulated. @default 60 */
  days?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The day the history starts. */
export const HISTORY_START = Date.parse("2026-01-05T00:00:00Z");
/** The chance that a dependency whose last deploy failed makes a dependent's deploy fail. */
const DEPENDENCY_HIT = 0.3;
const CLASSES = ["ImagePullBackOff", "ProgressDeadlineExceeded", "Timeout", "CreateContainerConfigError"];

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

interface Profile {
  name: string;
  base: number;
  perDay: number;
  deps: number[];
  cls: string;
  regressions: { from: number; to: number; p: number }[];
  next: number;
  lastFailed: boolean;
}

/** Healthy (60%), middling (25%) or flaky (15%), a deploy rate, dependencies, regressions. */
function profile(i: number, rnd: () => number, days: number): Profile {
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const tier = rnd();
  const base = tier < 0.6
    ? between(0.01, 0.05)
    : tier < 0.85
    ? between(0.06, 0.15)
    : between(0.2, 0.4);
  const deps = [0, 1].map(() => Math.floor(rnd() * i)).filter((d, k) => i > 0 && rnd() < 0.6 - k * 0.3);
  const regressions: Profile["regressions"] = [];
  for (let t = -rnd() * 30 * DAY; ;) {
    t += -Math.log(1 - rnd()) * 30 * DAY;
    if (t > days * DAY) break;
    regressions.push({ from: t, to: t + between(0.5, 3) * DAY, p: between(0.4, 0.8) });
  }
  const perDay = Math.exp(between(Math.log(0.5), Math.log(3)));
  return {
    name: `svc-${String(i).padStart(2, "0")}`,
    base,
    perDay,
    deps: [...new Set(deps)],
    cls: CLASSES[Math.floor(rnd() * CLASSES.length)] as string,
    regressions,
    next: HISTORY_START + rnd() * DAY / perDay,
    lastFailed: false,
  };
}

/** The failure probability of a deploy of `s` at `t`, and what would make it fail. */
function truth(s: Profile, all: Profile[], t: number): { p: number; causes: string[] } {
  const reg = s.regressions.find((r) => r.from <= t && t < r.to);
  let ok = 1 - Math.max(s.base, reg?.p ?? 0);
  const causes = [reg && reg.p > s.base ? "CrashLoopBackOff" : s.cls];
  for (const d of s.deps) {
    if (all[d]?.lastFailed) {
      ok *= 1 - DEPENDENCY_HIT;
      causes.push("CrashLoopBackOff");
    }
  }
  return { p: 1 - ok, causes };
}

/**
 * Simulates `days` of deploys of `services` services, oldest first. A failed deploy is followed by
 * another within 10 to 60 minutes (the fix or the retry); otherwise deploys arrive at the service's
 * own rate (0.5 to 3 a day).
 */
export function simulateHistory(options: HistoryOptions): SimDeploy[] {
  const rnd = seededRandom(options.seed);
  const days = options.days ?? 60;
  const all = Array.from({ length: options.services ?? 40 }, (_, i) => profile(i, rnd, days));
  const end = HISTORY_START + days * DAY;
  const out: SimDeploy[] = [];
  for (;;) {
    const s = all.reduce((a, b) => (b.next < a.next ? b : a));
    if (s.next >= end) return out;
    const { p, causes } = truth(s, all, s.next - HISTORY_START);
    const failed = rnd() < p;
    const errorClass = failed ? causes[Math.floor(rnd() * causes.length)] : undefined;
    const deps = s.deps.map((d) => (all[d] as Profile).name);
    out.push({ service: s.name, dependsOn: deps, at: s.next, p, failed, ...(errorClass ? { errorClass } : {}) });
    s.lastFailed = failed;
    const gap = failed ? (10 + 50 * rnd()) * 60_000 : -Math.log(1 - rnd()) * DAY / s.perDay;
    s.next += Math.max(gap, 10 * 60_000);
  }
}
