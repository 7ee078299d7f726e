/**
 * Benchmark (issues 1 and 15): the sandbox's request rate for server-side apply of small
 * objects, in-process and over HTTPS with the ClusterPort at concurrency 1, 8 and 32 (the limit
 * fixed, not adapted) — measured in one run and printed as ratios. The rate at 32 is the
 * sandbox's ceiling that `bench/deploy_vs_kubectl.ts` compares Nopea with. On Linux it also runs
 * `nopea sandbox` as a process of its own and prints its CPU time per apply, a figure the load of
 * a shared machine hardly changes.
 * Run: `deno run -A bench/sandbox_throughput.ts [count]`.
 */
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
import type { KubeObject } from "../src/manifests/mod.ts";
import { startSandbox } from "../src/sandbox/mod.ts";
import { throughput } from "./_deploy_helpers.ts";

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
  const perSecond = await throughput(COUNT, concurrency, apply);
  console.log(`  ${label.padEnd(44)} ${perSecond.toFixed(0).padStart(7)} applies/s`);
  return perSecond;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await Deno.readTextFile(`/proc/${pid}/stat`)).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100)
}

/**
 * The sandbox's own cost per apply, which the machine's load hardly changes: `nopea sandbox` in
 * a process of its own, its CPU time over `COUNT` applies at concurrency 32.
 */
async function applyCpuCost(dir: string): Promise<void> {
  const cli = new URL("../cli.ts", import.meta.url).pathname;
  const kubeconfig = `${dir}/separate-kubeconfig`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli, "sandbox", "--ready-delay", "0s", "--kubeconfig-out", kubeconfig],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  for (let seen = ""; !seen.includes("Press Ctrl-C");) {
    const { value, done } = await lines.read();
    if (done) throw new Error("nopea sandbox ended before it served");
    seen += value;
  }
  const client = new KubeCluster(loadKubeConfig({ kubeconfig, env: {} }), {
    concurrency: 32,
    initialConcurrency: 32,
  });
  const cpuOf = async (label: string, send: (i: number) => Promise<unknown>) => {
    const before = await cpuSeconds(child.pid);
    await rate(label, 32, send);
    return await cpuSeconds(child.pid) - before;
  };
  const cpu = await cpuOf(
    "separate process, concurrency 32",
    (i) => client.apply(configMap("s", i)),
  );
  // A deploy sends each new object twice: the preflight's dry run, then the apply (measured
  // second: the first pass also pays for compiling the sandbox's code).
  const dry = await cpuOf(
    "the same, server-side dry runs of new objects",
    (i) => client.apply(configMap("d", i), { dryRun: true }),
  );
  await client.close();
  child.kill("SIGINT");
  await lines.cancel();
  await child.status;
  console.log(
    `  its CPU: ${(cpu * 1000 / COUNT).toFixed(2)} ms per apply = ${
      (COUNT / cpu).toFixed(0)
    } applies per CPU-second (the ceiling on one idle core); ${
      (dry * 1000 / COUNT).toFixed(2)
    } ms per dry run of a new object`,
  );
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
  if (await Deno.stat("/proc/self/stat").then(() => true, () => false)) await applyCpuCost(dir);
} finally {
  await sandbox.close();
  await Deno.remove(dir, { recursive: true });
}
