import { simulateHistory, type SimDeploy } from "./_quality_history.ts";
import { score, elixirRule } from "./_quality_rules.ts";
const hs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => simulateHistory({ seed }));
type O = { gamma: number; a: number; b: number; tau: number; win: number; fresh: boolean };
function run(h: SimDeploy[], o: O) {
  const hist = new Map<string, boolean[]>();
  return h.map((d) => {
    const hs = hist.get(d.service) ?? [];
    let F = o.a, N = o.a + o.b, w = 1;
    for (let k = hs.length - 1, c = 0; k >= 0 && c < o.win; k--, c++) {
      if (o.fresh && k > 0 && hs[k - 1]) continue; // only deploys that followed a success
      if (hs[k]) F += w; N += w; w *= o.gamma;
    }
    const dep = d.dependsOn.some((x) => hist.get(x)?.at(-1) === true);
    const pick = (hs.length > 0 && (F / N > o.tau || hs.at(-1) === true)) || dep;
    hs.push(d.failed); hist.set(d.service, hs);
    return pick;
  });
}
const avg = (fn: (h: SimDeploy[]) => boolean[]) => {
  const r = hs.map((h) => score(h, fn(h)));
  const k = ["recall", "healthyCanary", "precision", "j"] as const;
  return Object.fromEntries(k.map((x) => [x, +(r.reduce((a, s) => a + s[x], 0) / r.length).toFixed(3)]));
};
console.log("elixir", JSON.stringify(avg(elixirRule)));
const rows: [string, Record<string, number>][] = [];
for (const fresh of [true]) for (const gamma of [0.95, 0.97, 1]) for (const [a, b] of [[0.5, 4.5], [1, 9], [0.5, 9.5], [1, 4], [1, 5], [1, 7]]) for (const tau of [0.1, 0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.28]) for (const win of [20, 30, 50]) {
  const o = { gamma, a, b, tau, win, fresh };
  rows.push([JSON.stringify(o), avg((h) => run(h, o))]);
}
rows.sort((x, y) => y[1].j! - x[1].j!);
for (const r of rows.slice(0, 8)) console.log(r[0], JSON.stringify(r[1]));
console.log("--- constrained");
for (const r of rows.filter((r) => r[1].healthyCanary! <= 0.2 && r[1].recall! >= 0.6).slice(0, 12)) console.log(r[0], JSON.stringify(r[1]));
