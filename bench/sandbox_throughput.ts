/**
 * Benchmark (foundation issue): the sandbox's request rate for server-side apply of small
 * objects, in-process and over HTTPS, and the ClusterPort's apply throughput at concurrency 1
 * and 8 — measured in one run and printed as ratios.
 * Run: `deno run -A bench/sandbox_throughput.ts [count]`.
 */
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
import type { KubeObject } from "../src/manifests/mod.ts";
import { startSandbox } from "../src/sandbox/mod.ts";

const COUNT = Number(Deno.args[0] ?? 1000);

function configMap(prefix: string, i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `${prefix}-${i}`, namespace: "default", labels: { app: "bench" } },
    data: { index: String(i) },
  };
}

async function rate(
  label: string,
  concurrency: number,
  apply: (i: number) => Promise<unknown>,
): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < COUNT) await apply(next++);
  }));
  const perSecond = COUNT / ((performance.now() - start) / 1000);
  console.log(`  ${label.padEnd(44)} ${perSecond.toFixed(0).padStart(7)} applies/s`);
  return perSecond;
}

const dir = await Deno.makeTempDir({ prefix: "nopea-bench-" });
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
try {
  await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
  const client = new KubeCluster(loadKubeConfig({ kubeconfig: `${dir}/kubeconfig`, env: {} }), {
    concurrency: 8,
  });
  console.log(`Server-side apply of ${COUNT} small ConfigMaps:`);
  const core = await rate(
    "sandbox in-process (no HTTP)",
    1,
    (i) => sandbox.cluster.apply(configMap("a", i)),
  );
  const c1 = await rate(
    "KubeCluster over HTTPS, concurrency 1",
    1,
    (i) => client.apply(configMap("b", i)),
  );
  const c8 = await rate(
    "KubeCluster over HTTPS, concurrency 8",
    8,
    (i) => client.apply(configMap("c", i)),
  );
  console.log(`  ratio concurrency 8 / concurrency 1: ${(c8 / c1).toFixed(1)}x`);
  console.log(
    `  ratio in-process / HTTPS concurrency 8: ${(core / c8).toFixed(1)}x (the cost of HTTP + TLS)`,
  );
  await client.close();
} finally {
  await sandbox.close();
  await Deno.remove(dir, { recursive: true });
}
