import { simulateHistory, WORLD } from "./_quality_history.ts";
import { bayesFilter } from "./_quality_rules.ts";
const cnt: Record<string, [number, number]> = {};
const add = (k: string, f: boolean) => { cnt[k] ??= [0, 0]; cnt[k][f ? 0 : 1]++; };
let F = 0, H = 0;
for (const seed of [1, 2, 3]) {
  const hs = simulateHistory({ seed, services: 200 }); const bs = bayesFilter(hs, WORLD);
  const hist = new Map<string, boolean[]>();
  hs.forEach((d, i) => {
    const h = hist.get(d.service) ?? [];
    let Fw = 1, N = 10, w = 1;
    for (let k = h.length - 1, c = 0; k >= 0 && c < 50; k--, c++) { if (k > 0 && h[k - 1]) continue; if (h[k]) Fw += w; N += w; w *= 0.97; }
    const rate = h.length > 0 && Fw / N > 0.2, last = h.at(-1) === true;
    const dep = d.dependsOn.some((x) => hist.get(x)?.at(-1) === true);
    const bay = bs[i]! >= 0.2;
    const key = `${rate ? "R" : "-"}${last ? "L" : "-"}${dep ? "D" : "-"} bayes=${bay ? "C" : "-"}`;
    add(key, d.failed); if (d.failed) F++; else H++;
    h.push(d.failed); hist.set(d.service, h);
  });
}
for (const [k, [f, h]] of Object.entries(cnt).sort()) console.log(k, "fail", f, (f / F).toFixed(3), "healthy", h, (h / H).toFixed(3), "prec", (f / (f + h)).toFixed(2));
