import { equal, ok } from "node:assert/strict";
import { measureQuality } from "../../bench/memory_quality.ts";

Deno.test("memory's failure-rate choice beats the Elixir rule and the failed_with rule on a seeded history", async () => {
  const report = await measureQuality({ seed: 1, fleets: 1, services: 40, days: 30 });
  const [nopea, before, elixir, always, never] = report.rows.map((r) => r.score);
  equal(report.rows.length, 7);
  ok(report.failing > 50, `${report.failing} failing deploys`);
  ok(nopea!.j > elixir!.j, `Nopea J ${nopea!.j} vs Elixir J ${elixir!.j}`);
  ok(nopea!.j > before!.j, `Nopea J ${nopea!.j} vs failed_with J ${before!.j}`);
  ok(nopea!.healthyCanary < elixir!.healthyCanary, "fewer healthy deploys through canary");
  equal(always!.j, 0);
  equal(never!.j, 0);
});

Deno.test("the memory-quality history is the same for the same seed", async () => {
  const a = await measureQuality({ seed: 3, fleets: 1, services: 10, days: 10 });
  const b = await measureQuality({ seed: 3, fleets: 1, services: 10, days: 10 });
  equal(JSON.stringify(a), JSON.stringify(b));
});
