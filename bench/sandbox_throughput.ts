/**
 * Benchmark (issues 1 and 15): the sandbox's request rate for server-side apply of small
 * objects, in-process and over HTTPS with the ClusterPort at concurrency 1, 8 and 32 (the limit
 * fixed, not adapted) — measured in one run and printed as ratios. The rate at 32 is the
 * sandbox's ceiling that `bench/deploy_vs_kubectl.ts` compares Nopea with.
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
  const kubeconfig = loadKubeConfig({ kubeconfig: `${dir}/kubeconfig`, env: {} });
  console.log(`Server-side apply of ${COUNT} small ConfigMaps:`);
  const core = await rate(
    "sandbox in-process (no HTTP)",
    1,
    (i) => sandbox.cluster.apply(configMap("a", i)),
  );
  const rates = new Map<number, number>();
  for (const concurrency of [1, 8, 32]) {
    const client = new KubeCluster(kubeconfig, {
      concurrency,
      initialConcurrency: concurrency,
    });
    rates.set(
      concurrency,
      await rate(
        `KubeCluster over HTTPS, concurrency ${concurrency}`,
        concurrency,
        (i) => client.apply(configMap(`c${concurrency}`, i)),
      ),
    );
    await client.close();
  }
  const [c1, c8, c32] = [rates.get(1)!, rates.get(8)!, rates.get(32)!];
  console.log(`  ratio concurrency 8 / concurrency 1: ${(c8 / c1).toFixed(1)}x`);
  console.log(`  ratio concurrency 32 / concurrency 1: ${(c32 / c1).toFixed(1)}x`);
  console.log(
    `  ratio in-process / HTTPS concurrency 32: ${
      (core / c32).toFixed(1)
    }x (the cost of HTTP + TLS)`,
  );
} finally {
  await sandbox.close();
  await Deno.remove(dir, { recursive: true });
}
