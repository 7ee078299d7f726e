import { simulateHistory, WORLD } from "./_quality_history.ts";
import { bayesFilter } from "./_quality_rules.ts";
const o = { gamma: 1, a: 0.3, b: 2.7, tau: 0.28 };
const cnt: Record<string, [number, number]> = {};
const add = (k: string, f: boolean) => { cnt[k] ??= [0, 0]; cnt[k][f ? 0 : 1]++; };
let F = 0, H = 0;
for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  const hs = simulateHistory({ seed }); const bs = bayesFilter(hs, WORLD);
  const hist = new Map<string, boolean[]>();
  hs.forEach((d, i) => {
    const h = hist.get(d.service) ?? [];
    let Fw = o.a, N = o.a + o.b, w = 1;
    for (let k = h.length - 1; k >= 0 && h.length - k <= 50; k--) { if (h[k]) Fw += w; N += w; w *= o.gamma; }
    const rate = h.length > 0 && Fw / N > o.tau, last = h.at(-1) === true;
    const dep = d.dependsOn.some((x) => hist.get(x)?.at(-1) === true);
    const mine = rate || last || dep; const bay = bs[i]! >= 0.22;
    const key = `${rate ? "R" : "-"}${last ? "L" : "-"}${dep ? "D" : "-"} bayes=${bay ? "C" : "-"}`;
    add(key, d.failed); if (d.failed) F++; else H++;
    h.push(d.failed); hist.set(d.service, h);
  });
}
for (const [k, [f, h]] of Object.entries(cnt).sort()) console.log(k, "fail", f, (f / F).toFixed(3), "healthy", h, (h / H).toFixed(3));
