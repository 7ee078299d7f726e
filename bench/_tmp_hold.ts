import { simulateHistory, WORLD, type SimDeploy, type World } from "./_quality_history.ts";
import { score, elixirRule, bayesFilter, bestCut } from "./_quality_rules.ts";
function run(h: SimDeploy[]) {
  const hist = new Map<string, boolean[]>();
  return h.map((d) => {
    const hs = hist.get(d.service) ?? [];
    let F = 1, N = 10, w = 1;
    for (let k = hs.length - 1, c = 0; k >= 0 && c < 50; k--, c++) { if (k > 0 && hs[k - 1]) continue; if (hs[k]) F += w; N += w; w *= 0.97; }
    const dep = d.dependsOn.some((x) => hist.get(x)?.at(-1) === true);
    const pick = (hs.length > 0 && (F / N > 0.2 || hs.at(-1) === true)) || dep;
    hs.push(d.failed); hist.set(d.service, hs); return pick;
  });
}
const worlds: Record<string, World> = { main: WORLD, first: { ...WORLD, regressionFailure: 0.75, fix: 0.5, burst: 0.9, tiers: [{ share: 0.75, from: 0.01, to: 0.05 }, { share: 0.1, from: 0.05, to: 0.15 }, { share: 0.15, from: 0.2, to: 0.45 }] } };
for (const [name, w] of Object.entries(worlds)) for (const seed of [1, 2, 3]) {
  const h = simulateHistory({ seed, services: 200 }, w);
  const n = score(h, run(h)), e = score(h, elixirRule(h)), b = score(h, bestCut(h, bayesFilter(h, w)));
  console.log(name, seed, `nopea ${n.recall.toFixed(2)}/${n.healthyCanary.toFixed(2)} J ${n.j.toFixed(3)}  elixir J ${e.j.toFixed(3)} diff ${(n.j - e.j).toFixed(3)}  bayes ${b.j.toFixed(3)}`);
}
