/**
 * Start-up: `nopea version` under the declared permissions (README, "Permissions") against
 * `kubectl version --client`, in the same run, median of N; and a short command that runs in the
 * network-limited worker (`nopea services` of an empty memory: the main thread reads the
 * kubeconfig's API server, starts the worker, the worker loads the command). Run:
 * `deno run --allow-run --allow-read --allow-write --allow-env bench/startup.ts [N]`.
 */
import { ENV_FLAG_VALUE } from "../src/permissions/mod.ts";

const N = Number(Deno.args[0] ?? 15);
const cli = new URL("../cli.ts", import.meta.url).pathname;
const FLAGS = ["--unstable-worker-options", "--allow-net", "--allow-read", "--allow-write"];

async function median(cmd: string, args: string[]): Promise<number | undefined> {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const start = performance.now();
    try {
      const out = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output();
      if (!out.success) return undefined;
    } catch {
      return undefined;
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const nopea = await median(Deno.execPath(), [
  "run",
  ...FLAGS,
  `--allow-env=${ENV_FLAG_VALUE}`,
  cli,
  "version",
]);
const memoryDir = await Deno.makeTempDir();
const worker = await median(Deno.execPath(), [
  "run",
  ...FLAGS,
  `--allow-env=${ENV_FLAG_VALUE}`,
  cli,
  "services",
  "--memory-dir",
  memoryDir,
]);
await Deno.remove(memoryDir, { recursive: true });
const kubectl = await median("kubectl", ["version", "--client"]);
console.log(`nopea version (declared permissions): ${nopea?.toFixed(0)} ms (median of ${N})`);
console.log(
  `nopea services, empty memory (in the network-limited worker): ${worker?.toFixed(0)} ms; ${
    ((worker ?? NaN) / (nopea ?? NaN)).toFixed(2)
  }× nopea version`,
);
console.log(
  kubectl === undefined
    ? "kubectl version --client: kubectl not found"
    : `kubectl version --client: ${kubectl.toFixed(0)} ms; ratio ${
      ((nopea ?? NaN) / kubectl).toFixed(2)
    }× (target ≤ 1.3×)`,
);
