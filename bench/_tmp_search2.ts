import { refs } from "./_tmp_calib.ts";
import { seededRandom, type World } from "./_quality_history.ts";
const rnd = seededRandom(Number(Deno.args[0] ?? 7));
const dist = (r: ReturnType<typeof refs>) => Math.abs(r.el[0] - .71) + Math.abs(r.el[1] - .40) + Math.abs(r.bf[0] - .44) + Math.abs(r.bf[1] - .15) + Math.abs(r.by[0] - .67) + Math.abs(r.by[1] - .20) + Math.max(0, 0.55 - r.fl);
type P = number[];
const toWorld = (p: P): World => ({
  tiers: [{ share: p[0]!, from: 0.01, to: 0.05 }, { share: 1 - p[0]! - p[1]!, from: 0.05, to: 0.15 }, { share: p[1]!, from: p[2]!, to: p[3]! }],
  perDay: [0.5, p[4]!], regression: p[5]!, regressionFailure: p[6]!, fix: p[7]!, dependencyHit: p[8]!, burst: p[9]!,
});
const lo = [0.5, 0.05, 0.15, 0.3, 2, 0.005, 0.5, 0.2, 0.1, 0.2], hi = [0.85, 0.25, 0.3, 0.6, 10, 0.06, 0.95, 0.8, 0.7, 1];
let best: P = [0.75, 0.15, 0.2, 0.4, 6, 0.02, 0.9, 0.33, 0.5, 0.85];
let bestD = dist(refs(toWorld(best), [1, 2, 3, 4]));
for (let k = 0; k < Number(Deno.args[1] ?? 60); k++) {
  const step = k < 20 ? 0.3 : 0.12;
  const cand = best.map((v, i) => rnd() < 0.4 ? Math.min(hi[i]!, Math.max(lo[i]!, v + (rnd() - 0.5) * step * (hi[i]! - lo[i]!))) : v);
  if (cand[0]! + cand[1]! > 0.95) continue;
  const d = dist(refs(toWorld(cand), [1, 2, 3, 4]));
  if (d < bestD) { best = cand; bestD = d; console.log(k, d.toFixed(3), JSON.stringify(best.map((x) => +x.toFixed(3)))); }
}
console.log("final", bestD.toFixed(3), JSON.stringify(toWorld(best.map((x) => +x.toFixed(3)))), JSON.stringify(refs(toWorld(best), [1, 2, 3, 4])));
