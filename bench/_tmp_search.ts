import { refs } from "./_tmp_calib.ts";
import { seededRandom, WORLD, type World } from "./_quality_history.ts";
const rnd = seededRandom(Number(Deno.args[0] ?? 7));
const pick = (lo: number, hi: number) => +(lo + (hi - lo) * rnd()).toFixed(2);
const dist = (r: ReturnType<typeof refs>) => Math.abs(r.el[0] - .71) + Math.abs(r.el[1] - .40) + Math.abs(r.bf[0] - .44) + Math.abs(r.bf[1] - .15) + Math.abs(r.by[2] - .47) + Math.abs(r.by[0] - .67) + Math.abs(r.by[1] - .20);
const rows: [number, World, ReturnType<typeof refs>][] = [];
for (let k = 0; k < Number(Deno.args[1] ?? 120); k++) {
  const healthy = pick(0.5, 0.8), flaky = pick(0.05, 0.2);
  const w: World = {
    tiers: [{ share: healthy, from: 0.01, to: 0.05 }, { share: 1 - healthy - flaky, from: 0.05, to: 0.15 }, { share: flaky, from: pick(0.15, 0.3), to: pick(0.35, 0.5) }],
    perDay: [0.5, [3, 6, 10][Math.floor(rnd() * 3)]!],
    regression: pick(0.005, 0.06), regressionFailure: pick(0.6, 0.9), fix: pick(0.3, 0.8),
    dependencyHit: pick(0.2, 0.6), burst: pick(0.3, 1),
  };
  const r = refs(w, [1, 2, 3]);
  rows.push([dist(r), w, r]);
}
rows.sort((a, b) => a[0] - b[0]);
for (const [d, w, r] of rows.slice(0, 6)) console.log(d.toFixed(3), JSON.stringify(w), JSON.stringify(r));
