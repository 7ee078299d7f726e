import { startSandbox } from "../src/sandbox/mod.ts";
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
const dir = await Deno.makeTempDir();
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
await Deno.writeTextFile(`${dir}/kc`, sandbox.kubeconfig());
const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: `${dir}/kc`, env: {} }), {});
const svc = (i: number) => ({ apiVersion: "v1", kind: "Service", metadata: { name: `s-${i}`, namespace: "default", labels: { "app.kubernetes.io/managed-by": "nopea", "nopea.io/service": "b" }, annotations: { "nopea.io/deploy-id": "01X" } }, spec: { selector: { app: `s-${i}` }, ports: [{ port: 80 }] } });
const cm = (i: number) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c-${i}`, namespace: "default" }, data: {a: "1"} });
await cluster.list("v1", "Service", { namespace: "default" });
for (const [name, f] of [["svc", svc], ["cm", cm]] as const) {
  const t = performance.now();
  await Promise.all(Array.from({length: 8}, async (_, w) => { for (let i = w; i < 300; i += 8) await cluster.apply(f(i)); }));
  console.log(name, "c8 ms/apply", ((performance.now() - t) / 300).toFixed(2));
}
await cluster.close(); await sandbox.close();
