/**
 * Soak (hardening issue): N deploys through the real CLI, each a process, against an HTTPS
 * sandbox failing 10% of requests with 5xx, 5% with 429 + Retry-After and dropping 2% of
 * connections, with a random share of the processes killed (SIGKILL) mid-deploy. Prints what
 * must hold: deploys completed / failed classified / hung (0), records lost (0), duplicated
 * (0), false failure patterns learned (0).
 * Run: `deno run -A bench/soak.ts [--deploys 200] [--kill 0.1] [--seed 7]`.
 */
import { parseArgs } from "node:util";
import { startSandbox } from "../src/sandbox/mod.ts";
import { createMemory, FileMemoryStore } from "../src/memory/mod.ts";
import { systemClock } from "../src/shared/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    deploys: { type: "string", default: "200" },
    kill: { type: "string", default: "0.1" },
    seed: { type: "string", default: "7" },
  },
});
const DEPLOYS = Number(values.deploys), KILL = Number(values.kill);
const HUNG_MS = 120_000;
const cli = new URL("../cli.ts", import.meta.url).pathname;
let state = Number(values.seed) >>> 0 || 1;
const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);

const sandbox = await startSandbox({
  controllers: { readyDelayMs: 20 },
  faults: [{ errorRate: 0.1, throttleRate: 0.05, retryAfterSeconds: 1, dropRate: 0.02 }],
});
const dir = await Deno.makeTempDir({ prefix: "nopea-soak-" });
const kubeconfig = `${dir}/kubeconfig`;
await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
const memoryDir = `${dir}/.nopea`;

const manifest = (i: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: soak}\ndata: {round: "${i}"}\n---\n` +
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: soak}\nspec:\n  replicas: 1\n` +
  `  selector: {matchLabels: {app: soak}}\n  template:\n    metadata: {labels: {app: soak}}\n` +
  `    spec: {containers: [{name: app, image: "example/soak:${i % 5}"}]}\n`;

function nopea(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli, ...args, "--kubeconfig", kubeconfig, "--memory-dir", memoryDir],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

const counts = {
  completed: 0,
  failedClassified: 0,
  failedUnclassified: 0,
  refused: 0,
  hung: 0,
  killed: 0,
};
const reported = new Set<string>();
for (let i = 0; i < DEPLOYS; i++) {
  const file = `${dir}/app-${i}.yaml`;
  await Deno.writeTextFile(file, manifest(i));
  const child = nopea(["deploy", "-f", file, "-s", "soak", "--timeout", "60s", "-o", "json"]);
  const kill = random() < KILL;
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
  }, kill ? 50 + random() * 1500 : HUNG_MS);
  const out = await child.output();
  clearTimeout(timer);
  if (out.signal === "SIGKILL") {
    counts[kill ? "killed" : "hung"]++;
    // A killed deploy leaves its Lease behind; the operator's documented recovery.
    await nopea(["unlock", "soak", "--force"]).output();
    continue;
  }
  const text = new TextDecoder().decode(out.stdout);
  try {
    const result = JSON.parse(text) as {
      deployId: string;
      status: string;
      error?: { code: string };
    };
    reported.add(result.deployId);
    if (result.status === "completed") counts.completed++;
    else if (result.status === "refused") counts.refused++;
    else if (result.error && result.error.code !== "INTERNAL") counts.failedClassified++;
    else counts.failedUnclassified++;
  } catch {
    const err = new TextDecoder().decode(out.stderr);
    if (/\[INTERNAL\]|\n\s+at /.test(err)) {
      counts.failedUnclassified++;
      if (counts.failedUnclassified <= 3) console.error(`unclassified failure:\n${err}`);
    } else counts.failedClassified++;
  }
}

const store = new FileMemoryStore(memoryDir, { clock: systemClock });
const memory = createMemory(store, { clock: systemClock });
const occurrences = (await memory.export()).occurrences;
const ids = occurrences.map((o) => String((o.data as { deploy_id?: string }).deploy_id));
const seen = new Map<string, number>();
for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
const lost = [...reported].filter((id) => !seen.has(id)).length;
const duplicated = [...seen.values()].filter((n) => n > 1).length;
const context = await memory.context("soak", "default");
await sandbox.close();
await Deno.remove(dir, { recursive: true });

console.log(`deploys: ${DEPLOYS} (${counts.killed} killed on purpose)`);
console.log(
  `completed ${counts.completed} / failed classified ${counts.failedClassified} / refused ` +
    `${counts.refused} / failed unclassified ${counts.failedUnclassified} (must be 0) / hung ` +
    `${counts.hung} (must be 0)`,
);
console.log(`records lost ${lost} (must be 0), duplicated ${duplicated} (must be 0)`);
console.log(
  `false failure patterns learned ${context.failurePatterns.length} (must be 0): ` +
    JSON.stringify(context.failurePatterns.map((p) => p.errorClass)),
);
const ok = counts.hung === 0 && counts.failedUnclassified === 0 && lost === 0 &&
  duplicated === 0 && context.failurePatterns.length === 0;
console.log(ok ? "soak: every invariant held" : "soak: an invariant broke");
if (!ok) Deno.exit(1);
