import { simulateHistory, WORLD } from "./_quality_history.ts";
import { bayesFilter, score } from "./_quality_rules.ts";
const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
for (const cut of [0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3, 0.35]) {
  let r = 0, h = 0;
  for (const seed of seeds) { const hs = simulateHistory({ seed }); const s = bayesFilter(hs, WORLD); const sc = score(hs, s.map((x) => x >= cut)); r += sc.recall; h += sc.healthyCanary; }
  console.log(cut, (r / 8).toFixed(3), (h / 8).toFixed(3), ((r - h) / 8).toFixed(3));
}
