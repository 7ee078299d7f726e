/**
 * Soak of the cluster memory store (issue #13): `deno run -A bench/memory_cluster_soak.ts
 * [--processes 4] [--deploys 50]`. Starts a sandbox, then N processes, each with its own
 * `.nopea/`, deploying D times at once with `--memory-store cluster` (through `openEngine`, as
 * the CLI does). Afterwards every process's memory, synced, must show all N × D deploys exactly
 * once. Prints the time taken and the outcome; exits 1 when a deploy is missing or doubled.
 */
import { parseArgs } from "node:util";
import { startSandbox } from "../src/sandbox/mod.ts";
import { openEngine } from "../src/wiring/mod.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    processes: { type: "string", default: "4" },
    deploys: { type: "string", default: "50" },
    worker: { type: "string" },
    kubeconfig: { type: "string" },
    dir: { type: "string" },
  },
});
const PROCESSES = Number(args.processes);
const DEPLOYS = Number(args.deploys);

function open(kubeconfig: string, memoryDir: string) {
  return openEngine({ kubeconfig, memoryDir, memoryStore: "cluster", env: {}, cwd: memoryDir });
}

/** One worker process: D deploys of its own service; prints each deploy id. */
async function work(name: string, kubeconfig: string, dir: string): Promise<void> {
  await using nopea = open(kubeconfig, dir);
  for (let i = 0; i < DEPLOYS; i++) {
    const manifests = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n` +
      `data: {v: "${i}"}\n`;
    const result = await nopea.engine.deploy({ service: name, manifests, namespace: "default" });
    if (result.status !== "completed") throw new Error(`${name} deploy ${i}: ${result.status}`);
  }
}

async function run(name: string, kubeconfig: string, dir: string): Promise<void> {
  const child = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      import.meta.filename ?? "",
      ...["--worker", name, "--kubeconfig", kubeconfig, "--dir", dir],
      ...["--deploys", String(DEPLOYS)],
    ],
    stderr: "inherit",
  }).output();
  if (!child.success) throw new Error(`worker ${name} failed`);
}

async function check(kubeconfig: string, dir: string, services: string[]): Promise<string> {
  await using nopea = open(kubeconfig, dir);
  const histories = await Promise.all(
    services.map((service) => nopea.engine.history({ service, limit: 10_000 })),
  );
  const ids = histories.flat().map((r) => r.deployId);
  const unique = new Set(ids).size;
  const expected = services.length * DEPLOYS;
  return ids.length === expected && unique === expected
    ? "ok"
    : `${ids.length} deploys (${unique} distinct) of ${expected}`;
}

if (args.worker) {
  await work(args.worker, args.kubeconfig ?? "", args.dir ?? "");
} else {
  const sandbox = await startSandbox({});
  const root = await Deno.makeTempDir({ prefix: "nopea-cluster-soak-" });
  try {
    const kubeconfig = `${root}/kubeconfig`;
    await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
    const names = Array.from({ length: PROCESSES }, (_, i) => `soak-${i}`);
    const start = performance.now();
    await Promise.all(names.map((name) => run(name, kubeconfig, `${root}/${name}`)));
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    console.log(`${PROCESSES} processes × ${DEPLOYS} deploys in ${seconds} s`);
    let failed = false;
    for (const name of names) {
      const outcome = await check(kubeconfig, `${root}/${name}`, names);
      console.log(
        `${name}: history ${outcome === "ok" ? "shows every deploy exactly once" : outcome}`,
      );
      failed ||= outcome !== "ok";
    }
    if (failed) Deno.exitCode = 1;
  } finally {
    await sandbox.close();
    await Deno.remove(root, { recursive: true });
  }
}
