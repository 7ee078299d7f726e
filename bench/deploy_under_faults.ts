/**
 * Benchmark (issue 15, reliability under speed): `nopea deploy` of 1,000 generated objects at full
 * (adaptive) concurrency while the sandbox answers 10% of requests with a 5xx, 5% with 429 and
 * `Retry-After: 1`, and drops 2% of connections. Prints how the deploy ended (it must complete or
 * fail with a classified error, never hang), its time, the faults injected, and how many objects
 * the cluster holds differently from the plan (must be 0).
 * Run: `deno run -A bench/deploy_under_faults.ts [count]`.
 */
import { isPlainObject, type KubeObject } from "../src/manifests/mod.ts";
import { startSandbox } from "../src/sandbox/mod.ts";
import { openEngine } from "../src/wiring/mod.ts";
import { objects } from "./_deploy_helpers.ts";

const COUNT = Number(Deno.args[0] ?? 1000);
const CLASSIFIED = new Set(["KUBE_SERVER_ERROR", "KUBE_UNREACHABLE", "DEPLOY_TIMEOUT"]);

/** Whether `live` holds every field of `asked` as asked (lists in order). */
function holds(asked: unknown, live: unknown): boolean {
  if (Array.isArray(asked)) {
    return Array.isArray(live) && live.length === asked.length &&
      asked.every((a, i) => holds(a, live[i]));
  }
  if (isPlainObject(asked)) {
    return isPlainObject(live) && Object.keys(asked).every((k) => holds(asked[k], live[k]));
  }
  return asked === live;
}

const dir = await Deno.makeTempDir({ prefix: "nopea-bench-faults-" });
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
try {
  await Deno.writeTextFile(`${dir}/kubeconfig`, sandbox.kubeconfig());
  await sandbox.cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "fleet" } });
  sandbox.server.faults.add({
    errorRate: 0.1,
    throttleRate: 0.05,
    dropRate: 0.02,
    retryAfterSeconds: 1,
  });
  const opened = openEngine({ kubeconfig: `${dir}/kubeconfig`, memoryDir: `${dir}/.nopea` });
  const manifests = objects(COUNT) as unknown as KubeObject[];
  const start = performance.now();
  const result = await opened.engine.deploy({
    service: "fleet",
    namespace: "fleet",
    manifests,
    timeoutMs: 600_000,
  });
  const seconds = (performance.now() - start) / 1000;
  const faults = sandbox.server.faults.stats();
  sandbox.server.faults.clear();
  const actions = new Map(result.resources.map((r) => [`${r.kind}/${r.name}`, r.action]));
  let wrong = 0;
  for (const asked of manifests) {
    const live = await sandbox.cluster.get({
      apiVersion: asked.apiVersion,
      kind: asked.kind,
      namespace: "fleet",
      name: asked.metadata.name!,
    });
    const applied = actions.get(`${asked.kind}/${asked.metadata.name}`) === "created";
    const spec = { ...asked, metadata: { name: asked.metadata.name } };
    if (applied ? !live || !holds(spec, live) : live !== undefined) wrong++;
  }
  const classified = result.status === "completed" || CLASSIFIED.has(result.error?.code ?? "");
  console.log(`nopea deploy of ${COUNT} objects under 10% 5xx, 5% 429, 2% dropped connections:`);
  console.log(
    `  ${result.status}${result.error ? ` (${result.error.code})` : ""} in ${
      seconds.toFixed(1)
    } s` +
      ` — ${classified ? "completed or classified" : "NOT CLASSIFIED"}`,
  );
  console.log(
    `  injected: ${faults.errors} 5xx, ${faults.throttles} 429, ${faults.drops} dropped connections`,
  );
  console.log(`  objects whose stored state differs from the plan: ${wrong} (must be 0)`);
  await opened[Symbol.asyncDispose]();
} finally {
  await sandbox.close();
  await Deno.remove(dir, { recursive: true });
}
