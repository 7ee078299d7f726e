/**
 * Benchmark (issue "sandbox fidelity", done-when): what schema validation of built-in kinds
 * costs the sandbox's write path. In one run: in-process server-side apply of small ConfigMaps
 * and Deployments (validation on, as always), then the validation alone on the same objects;
 * prints the share of apply time validation takes and the slowdown it implies (budget: 20%).
 * Run: `deno run -A bench/sandbox_validation_cost.ts [count]`.
 */
import type { KubeObject } from "../src/manifests/mod.ts";
import { BUILTIN_TYPES } from "../src/sandbox/core/mod.ts";
import { builtinSchemaCauses, prepareBuiltinSchema } from "../src/sandbox/core/builtin_schema.ts";
import { startSandbox } from "../src/sandbox/mod.ts";

const COUNT = Number(Deno.args[0] ?? 2000);

function configMap(i: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `cm-${i}`, namespace: "default", labels: { app: "bench" } },
    data: { index: String(i) },
  };
}

function deployment(i: number): KubeObject {
  const labels = { app: `web-${i}` };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `web-${i}`, namespace: "default", labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: "web", image: "nginx:1", ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

async function timed(work: (i: number) => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) await work(i);
  return performance.now() - start;
}

const sandbox = await startSandbox({ manualTime: true, controllers: { readyDelayMs: 0 } });
try {
  console.log(`Validation cost over ${COUNT} in-process server-side applies per kind:`);
  for (const [kind, make] of [["ConfigMap", configMap], ["Deployment", deployment]] as const) {
    const type = BUILTIN_TYPES.find((t) => t.kind === kind && t.group !== "events.k8s.io")!;
    await prepareBuiltinSchema(type);
    await sandbox.cluster.apply(make(-1)); // warm-up
    const apply = await timed((i) => sandbox.cluster.apply(make(i)));
    const validate = await timed((i) => {
      if (builtinSchemaCauses(type, make(i)).length > 0) throw new Error(`${kind} ${i} invalid`);
    });
    const share = validate / apply;
    console.log(
      `  ${kind.padEnd(11)} apply ${(COUNT / (apply / 1000)).toFixed(0).padStart(6)}/s, ` +
        `validation ${(100 * share).toFixed(1)}% of it: ` +
        `without it ${(100 * share / (1 - share)).toFixed(1)}% faster (budget 20%)`,
    );
  }
} finally {
  await sandbox.close();
}
