import { simulateHistory, WORLD } from "./_quality_history.ts";
import { bayesFilter } from "./_quality_rules.ts";
const buckets: Record<string, [number, number]> = {};
const add = (k: string, f: boolean) => { buckets[k] ??= [0, 0]; buckets[k][f ? 0 : 1]++; };
for (const seed of [1, 2]) {
  const hs = simulateHistory({ seed, services: 200 }); const bs = bayesFilter(hs, WORLD);
  const hist = new Map<string, boolean[]>();
  hs.forEach((d, i) => {
    const h = hist.get(d.service) ?? [];
    let Fw = 1, N = 10, w = 1, n = 0;
    for (let k = h.length - 1, c = 0; k >= 0 && c < 50; k--, c++) { if (k > 0 && h[k - 1]) continue; if (h[k]) Fw += w; N += w; w *= 0.97; n++; }
    const est = Fw / N;
    const rate = h.length > 0 && est > 0.2, last = h.at(-1) === true;
    const dep = d.dependsOn.some((x) => hist.get(x)?.at(-1) === true);
    if (!rate && !last && !dep && bs[i]! >= 0.2) {
      const prev2 = h.at(-2) === true ? "F" : "S";
      const k = `n=${n < 5 ? "<5" : n < 15 ? "<15" : "15+"} est=${est < 0.15 ? "<.15" : ".15-.2"} prev2=${prev2}`;
      add(k, d.failed);
    }
    h.push(d.failed); hist.set(d.service, h);
  });
}
for (const [k, [f, h]] of Object.entries(buckets).sort()) console.log(k, "fail", f, "healthy", h, "prec", (f / (f + h)).toFixed(2));
