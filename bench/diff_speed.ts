/**
 * Benchmark (issue 15): the whole command of an unchanged `nopea diff -f <kube-prometheus>` (process
 * start-up, reading and validating 5.7 MB of YAML, the cluster reads, the comparison) against
 * `kubectl diff --server-side -f` of the same files, on the same sandbox, in the same run; and
 * `nopea drift` of the deployed service against the same files. The fixture is deployed once by `nopea deploy`; each figure
 * is min / median / max over the runs. Target: the nopea diff under 1 s.
 * Run: `deno run -A bench/diff_speed.ts [--runs 5]`.
 */
import { parseArgs } from "node:util";
import { startSandbox } from "../src/sandbox/mod.ts";
import { spread, timed } from "./_deploy_helpers.ts";

const { values: flags } = parseArgs({ args: Deno.args, options: { runs: { type: "string" } } });
const RUNS = Math.max(3, Number(flags.runs ?? 5));
const cli = new URL("../cli.ts", import.meta.url).pathname;
const fixture = new URL("../tests/fixtures/real-world/kube-prometheus", import.meta.url).pathname;

function nopea(verb: string, kubeconfig: string, dir: string): string[] {
  const service = verb === "drift" ? ["kube-prometheus"] : ["-s", "kube-prometheus"];
  const rest = verb === "deploy" ? ["--timeout", "10m"] : [];
  const memory = ["--memory-dir", `${dir}/.nopea`];
  const files = ["-f", fixture];
  return [
    "run",
    "-A",
    cli,
    verb,
    ...service,
    "--kubeconfig",
    kubeconfig,
    ...memory,
    ...files,
    ...rest,
  ];
}

async function measure(cmd: string, args: string[]): Promise<number[]> {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) seconds.push((await timed(cmd, args)).ms / 1000);
  return seconds;
}

const dir = await Deno.makeTempDir({ prefix: "nopea-diff-bench-" });
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
try {
  const kubeconfig = `${dir}/kubeconfig`;
  await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
  await timed(Deno.execPath(), nopea("deploy", kubeconfig, dir));
  const diff = await measure(Deno.execPath(), nopea("diff", kubeconfig, dir));
  const kubectl = await measure("kubectl", [
    ...["--kubeconfig", kubeconfig, "diff", "--server-side", "--force-conflicts"],
    ...["--recursive", "-f", fixture],
  ]);
  const drift = await measure(Deno.execPath(), nopea("drift", kubeconfig, dir));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  console.log(`Unchanged diff of kube-prometheus (131 objects, 5.7 MB of YAML), ${RUNS} runs,`);
  console.log("whole command, min / median / max:");
  console.log(`  nopea diff -f                       ${spread(diff)} s (target: under 1 s)`);
  console.log(`  kubectl diff --server-side -f       ${spread(kubectl)} s`);
  console.log(`  nopea drift kube-prometheus -f      ${spread(drift)} s`);
  console.log(
    `  ratio kubectl / nopea diff (median): ${(median(kubectl) / median(diff)).toFixed(1)}x`,
  );
} finally {
  await sandbox.close();
  await Deno.remove(dir, { recursive: true });
}
