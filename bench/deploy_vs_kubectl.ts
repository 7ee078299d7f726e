/**
 * Benchmark (issue 15): `nopea deploy` (apply, wait until ready, verify, record; process start
 * included) against `kubectl apply --server-side` of the same files, on the same sandbox, in the
 * same run: 1,000 and 100 objects, with no added latency and with 20 ms per request (a remote
 * API server); an unchanged redeploy of the 100; the peak memory of `nopea deploy` of 1,000; and
 * the sandbox's own ceiling (parallel server-side apply at concurrency 32). Each run uses a fresh
 * sandbox; min / median / max over the runs. Nopea runs with the V8 flags of the compiled binary
 * (the `compile` task in `deno.json`); peak memory is also given under Deno's defaults.
 * Run: `deno run -A bench/deploy_vs_kubectl.ts [--runs 3] [--count 1000] [--small 100]`.
 */
import { parseArgs } from "node:util";
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
import { type Sandbox, startSandbox } from "../src/sandbox/mod.ts";
import { spread, throughput, type Timed, timed, writeManifests } from "./_deploy_helpers.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string" }, count: { type: "string" }, small: { type: "string" } },
});
const RUNS = Number(flags.runs ?? 3);
const LARGE = Number(flags.count ?? 1000);
const SMALL = Number(flags.small ?? 100);
const cli = new URL("../cli.ts", import.meta.url).pathname;
const SCENARIOS = [
  { count: LARGE, latencyMs: 0, target: 5 },
  { count: LARGE, latencyMs: 20, target: 10 },
  { count: SMALL, latencyMs: 0, target: 1.5 },
  { count: SMALL, latencyMs: 20, target: 4 },
];

interface Sample {
  kubectl: number[];
  nopea: number[];
}
const samples = SCENARIOS.map((): Sample => ({ kubectl: [], nopea: [] }));
const unchanged: number[] = [];
const peakRss: number[] = [];
/** Peak RSS of the same deploy under Deno's default V8 flags (a library user's process). */
const peakRssDefault: number[] = [];
/** The V8 flags the compiled binary and the install command run with (`deno.json` compile task). */
const SHIPPED_V8 = await shippedV8Flags();
const ceiling: number[] = [];

function nopeaArgs(kubeconfig: string, dir: string, files: string, ns: string): string[] {
  return [
    "run",
    ...SHIPPED_V8,
    "-A",
    cli,
    "deploy",
    ...["--kubeconfig", kubeconfig, "--memory-dir", `${dir}/.nopea`, "-f", files],
    ...["-s", `bench-${ns}`, "-n", ns, "--timeout", "10m"],
  ];
}

async function oneRun(dir: string, manifests: Map<number, string>): Promise<void> {
  const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
  try {
    await scenarios(dir, manifests, sandbox);
  } finally {
    await sandbox.close();
  }
}

async function scenarios(dir: string, manifests: Map<number, string>, sandbox: Sandbox) {
  await Deno.mkdir(dir, { recursive: true });
  const kubeconfig = `${dir}/kubeconfig`;
  await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
  for (const [i, s] of SCENARIOS.entries()) {
    for (const ns of [`kubectl-${i}`, `nopea-${i}`]) {
      await sandbox.cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    }
    sandbox.server.faults.clear();
    if (s.latencyMs) sandbox.server.faults.add({ latencyMs: s.latencyMs });
    const files = manifests.get(s.count)!;
    const kubectl = await timed("kubectl", [
      ...["--kubeconfig", kubeconfig, "apply", "--server-side", "-n", `kubectl-${i}`, "-f", files],
    ]);
    const args = nopeaArgs(kubeconfig, dir, files, `nopea-${i}`);
    const nopea: Timed = await timed(Deno.execPath(), args, s.count === LARGE && !s.latencyMs);
    samples[i]!.kubectl.push(kubectl.ms / 1000);
    samples[i]!.nopea.push(nopea.ms / 1000);
    if (nopea.peakRssMb !== undefined) peakRss.push(nopea.peakRssMb);
    if (nopea.peakRssMb !== undefined) peakRssDefault.push(await defaultPeak(sandbox, args, i));
    if (s.count === SMALL && !s.latencyMs) {
      unchanged.push((await timed(Deno.execPath(), args)).ms / 1000);
    }
  }
  sandbox.server.faults.clear();
  ceiling.push(await sandboxCeiling(kubeconfig));
}

/** Peak RSS of the same deploy into a fresh namespace, under Deno's default V8 flags. */
async function defaultPeak(sandbox: Sandbox, args: string[], i: number): Promise<number> {
  const ns = `nopea-default-v8-${i}`;
  await sandbox.cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const plain = args.filter((a) => !SHIPPED_V8.includes(a)).map((a, n, all) =>
    all[n - 1] === "-n" ? ns : all[n - 1] === "-s" ? `bench-${ns}` : a
  );
  return (await timed(Deno.execPath(), plain, true)).peakRssMb ?? NaN;
}

/** The `--v8-flags=…` arguments of the compile task in `deno.json`. */
async function shippedV8Flags(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  return (config.tasks.compile as string).split(" ").filter((a) => a.startsWith("--v8-flags="));
}

/** The fastest parallel server-side apply the sandbox sustains (concurrency 32, over HTTPS). */
async function sandboxCeiling(kubeconfig: string): Promise<number> {
  const client = new KubeCluster(loadKubeConfig({ kubeconfig, env: {} }), {
    concurrency: 32,
    initialConcurrency: 32,
  });
  try {
    return await throughput(LARGE, 32, (i) =>
      client.apply({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `ceiling-${i}`, namespace: "default" },
        data: { index: String(i), text: "x".repeat(64) },
      }));
  } finally {
    await client.close();
  }
}

const dir = await Deno.makeTempDir({ prefix: "nopea-bench-" });
try {
  const manifests = new Map<number, string>();
  for (const count of new Set([LARGE, SMALL])) {
    manifests.set(count, await writeManifests(`${dir}/manifests-${count}`, count));
  }
  for (let run = 1; run <= RUNS; run++) {
    console.error(`run ${run} of ${RUNS}…`);
    await oneRun(`${dir}/run-${run}`, manifests);
  }
  report();
} finally {
  await Deno.remove(dir, { recursive: true });
}

function report(): void {
  console.log(`nopea deploy vs kubectl apply --server-side, same sandbox, ${RUNS} runs`);
  console.log("(seconds and ratios as min / median / max; nopea = apply + wait + verify + record)");
  for (const [i, s] of SCENARIOS.entries()) {
    const { kubectl, nopea } = samples[i]!;
    const ratios = kubectl.map((k, r) => k / nopea[r]!);
    console.log(
      `  ${s.count} objects, ${s.latencyMs} ms latency: kubectl ${spread(kubectl)} s, nopea ${
        spread(nopea)
      } s, ratio ${spread(ratios, 1)}x (target at least ${s.target}x)`,
    );
  }
  console.log(`  unchanged redeploy of ${SMALL}: ${spread(unchanged)} s (target under 0.5 s)`);
  if (peakRss.length) {
    console.log(
      `  peak memory of nopea deploy of ${LARGE} (${SHIPPED_V8.join(" ") || "no V8 flags"}, ` +
        `as shipped): ${spread(peakRss, 0)} MB (target 150)`,
    );
    console.log(`  the same under Deno's default V8 flags: ${spread(peakRssDefault, 0)} MB`);
  }
  const floor = ceiling.map((perSecond) => LARGE / perSecond);
  console.log(
    `  sandbox ceiling: ${
      spread(ceiling, 0)
    } server-side applies/s at concurrency 32, so ${LARGE} ` +
      `applies take at least ${spread(floor)} s`,
  );
}
