import { stringify } from "yaml";
import { startSandbox } from "../src/sandbox/mod.ts";
const dir = await Deno.makeTempDir();
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
const kc = `${dir}/kc`;
await Deno.writeTextFile(kc, sandbox.kubeconfig());
await Deno.mkdir(`${dir}/m`);
for (let i = 0; i < 1000; i++) {
  const name = `app-${i}`;
  const obj = i % 10 < 4 ? { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "x" } } : i % 10 < 7 ? { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } } : { apiVersion: "apps/v1", kind: "Deployment", metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "x:1" }] } } } };
  await Deno.writeTextFile(`${dir}/m/${i}.yaml`, stringify(obj));
}
await sandbox.cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "n" } });
const { KubeCluster, loadKubeConfig } = await import("../src/kube/mod.ts");
const { createEngine } = await import("../src/engine/mod.ts");
const { createMemory, InMemoryMemoryStore } = await import("../src/memory/mod.ts");
const { loadManifestFiles } = await import("../src/manifests/mod.ts");
const { systemClock, ulidSource, silentLogger } = await import("../src/shared/mod.ts");
const loaded = await loadManifestFiles([`${dir}/m`]);
const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: kc, env: {} }));
const engine = createEngine({ cluster, memory: createMemory(new InMemoryMemoryStore(), { clock: systemClock }), clock: systemClock, ids: ulidSource(systemClock), log: silentLogger, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
const t0 = performance.now();
let applied = 0; let firstWait = 0;
const r = await engine.deploy({ service: "b", namespace: "n", manifests: loaded.objects.map((o) => o.object) }, { onEvent: (e) => {
  const t = ((performance.now() - t0) / 1000).toFixed(2);
  if (e.type === "applied") { applied++; if (applied % 100 === 0) console.log(t, "applied", applied, e.outcome.key); }
  else if (e.type === "waiting") { if (!firstWait++) console.log(t, "first wait"); const n = e.resources.filter((x) => x.state === "ready").length; console.log(t, "waiting ready", n); }
  else console.log(t, e.type);
} });
console.log("total", ((performance.now() - t0) / 1000).toFixed(2), r.status);
await sandbox.close();
