import { startSandbox } from "../src/sandbox/mod.ts";
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
const dir = await Deno.makeTempDir();
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
await Deno.writeTextFile(`${dir}/kc`, sandbox.kubeconfig());
const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: `${dir}/kc`, env: {} }), {});
const svc = (i: number) => ({ apiVersion: "v1", kind: "Service", metadata: { name: `s-${i}`, namespace: "default" }, spec: { selector: { app: `s-${i}` }, ports: [{ port: 80 }] } });
const cm = (i: number) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c-${i}`, namespace: "default" }, data: {a: "1"} });
for (const [name, f] of [["svc", svc], ["cm", cm]] as const) {
  const t = performance.now();
  for (let i = 0; i < 100; i++) await cluster.apply(f(i));
  console.log(name, "c1 ms/apply", ((performance.now() - t) / 100).toFixed(2));
}
await cluster.close(); await sandbox.close();
