/**
 * Benchmark (DESIGN §9, deploy issue): `nopea deploy` of 1,000 generated objects against
 * `kubectl apply --server-side` of the same files, against the same sandbox, in the same run.
 * Prints both times and the ratio. Run: `deno run -A bench/deploy_vs_kubectl.ts [count]`.
 */
import { stringify } from "yaml";
import { startSandbox } from "../src/sandbox/mod.ts";

const COUNT = Number(Deno.args[0] ?? 1000);
const cli = new URL("../cli.ts", import.meta.url).pathname;

function objects(count: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const name = `app-${i}`;
    const kind = i % 10 < 4 ? "ConfigMap" : i % 10 < 7 ? "Service" : "Deployment";
    if (kind === "ConfigMap") {
      out.push({
        apiVersion: "v1",
        kind,
        metadata: { name },
        data: { index: String(i), text: "x".repeat(64) },
      });
    } else if (kind === "Service") {
      out.push({
        apiVersion: "v1",
        kind,
        metadata: { name },
        spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
      });
    } else {
      out.push({
        apiVersion: "apps/v1",
        kind,
        metadata: { name },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: [{ name: "app", image: `example/${name}:1.0` }] },
          },
        },
      });
    }
  }
  return out;
}

async function run(cmd: string, args: string[]): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(cmd, {
    args,
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const ms = performance.now() - start;
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.slice(0, 3).join(" ")} failed: ${
        new TextDecoder().decode(out.stderr).slice(0, 2000)
      }`,
    );
  }
  return ms;
}

const dir = await Deno.makeTempDir({ prefix: "nopea-bench-" });
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
try {
  const kubeconfig = `${dir}/kubeconfig`;
  await Deno.writeTextFile(kubeconfig, sandbox.kubeconfig());
  await Deno.mkdir(`${dir}/manifests`);
  for (const [i, obj] of objects(COUNT).entries()) {
    await Deno.writeTextFile(`${dir}/manifests/${String(i).padStart(5, "0")}.yaml`, stringify(obj));
  }
  for (const ns of ["kubectl", "nopea"]) {
    await sandbox.cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  }
  const kubectl = await run("kubectl", [
    "--kubeconfig",
    kubeconfig,
    "apply",
    "--server-side",
    "-n",
    "kubectl",
    "-f",
    `${dir}/manifests`,
  ]);
  const nopea = await run(Deno.execPath(), [
    "run",
    "-A",
    cli,
    "deploy",
    "--kubeconfig",
    kubeconfig,
    "--memory-dir",
    `${dir}/.nopea`,
    "-f",
    `${dir}/manifests`,
    "-s",
    "bench",
    "-n",
    "nopea",
    "--timeout",
    "10m",
  ]);
  console.log(`${COUNT} objects (ConfigMaps, Services, Deployments) against the same sandbox:`);
  console.log(`  kubectl apply --server-side: ${(kubectl / 1000).toFixed(2)} s`);
  console.log(
    `  nopea deploy (apply + wait until ready + verify + record): ${(nopea / 1000).toFixed(2)} s`,
  );
  console.log(
    `  ratio: nopea is ${(kubectl / nopea).toFixed(1)}x as fast as kubectl (target: at least 5x)`,
  );
} finally {
  await sandbox.close();
  await Deno.remove(dir, { recursive: true });
}
