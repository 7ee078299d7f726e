import { simulateHistory, WORLD, type World, type SimDeploy } from "./_quality_history.ts";
import { bayesFilter, bestCut, elixirRule, score } from "./_quality_rules.ts";
function before(h: readonly SimDeploy[]): boolean[] {
  const W = new Map<string, Map<string, { w: number; at: number }>>(); const last = new Map<string, boolean>();
  const dec = (x: { w: number; at: number }, t: number) => x.w * Math.pow(0.98, Math.max(0, t - x.at) / 3.6e6);
  return h.map((d) => {
    const m = W.get(d.service) ?? new Map(); W.set(d.service, m);
    const c = [...m.values()].some((x) => dec(x, d.at) > 0.15) || d.dependsOn.some((x) => last.get(x) === true);
    if (d.failed) { const was = m.get(d.errorClass!); m.set(d.errorClass!, { w: was ? 0.24 + 0.7 * dec(was, d.at) : 0.5, at: d.at }); }
    else for (const [k, x] of m) m.set(k, { w: dec(x, d.at) * 0.5, at: d.at });
    last.set(d.service, d.failed);
    return c;
  });
}
export function refs(w: World, seeds = [1, 2, 3, 4, 5, 6]) {
  const acc = { el: [0, 0], bf: [0, 0], by: [0, 0, 0], or: [0, 0, 0], fr: 0, fl: 0 };
  for (const seed of seeds) {
    const h = simulateHistory({ seed }, w);
    const e = score(h, elixirRule(h)), b = score(h, before(h)), y = score(h, bestCut(h, bayesFilter(h, w))), o = score(h, bestCut(h, h.map((d) => d.p)));
    acc.el[0] += e.recall; acc.el[1] += e.healthyCanary; acc.bf[0] += b.recall; acc.bf[1] += b.healthyCanary;
    acc.by[0] += y.recall; acc.by[1] += y.healthyCanary; acc.by[2] += y.j; acc.or[2] += o.j; acc.fr += h.filter((d) => d.failed).length / h.length;
    const ps = new Map<string, number[]>(); for (const d of h) { const a = ps.get(d.service) ?? []; a.push(d.p); ps.set(d.service, a); }
    const flaky = new Set([...ps].filter(([, a]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]! >= 0.2).map(([k]) => k));
    acc.fl += h.filter((d) => d.failed && flaky.has(d.service)).length / h.filter((d) => d.failed).length;
  }
  const n = seeds.length; const r = (x: number) => +(x / n).toFixed(3);
  return { el: acc.el.map(r), bf: acc.bf.map(r), by: acc.by.map(r), or: r(acc.or[2]), fr: r(acc.fr), fl: r(acc.fl) };
}
if (import.meta.main) {
  const t0 = performance.now();
  console.log(refs(WORLD), performance.now() - t0);
}
