import { startSandbox } from "../src/sandbox/mod.ts";
import { KubeCluster, loadKubeConfig } from "../src/kube/mod.ts";
const dir = await Deno.makeTempDir();
const sandbox = await startSandbox({ controllers: { readyDelayMs: 0 } });
await Deno.writeTextFile(`${dir}/kc`, sandbox.kubeconfig());
const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: `${dir}/kc`, env: {} }), {});
const cm = (i: number) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c-${i}`, namespace: "default" }, data: { a: "x" } });
await cluster.apply(cm(0));
for (const op of ["get", "apply"]) {
  const t = performance.now();
  for (let i = 1; i < 40; i++) op === "get" ? await cluster.get({ apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "c-0" }) : await cluster.apply(cm(i));
  console.log(op, "ms/op", ((performance.now() - t) / 39).toFixed(1));
}
const t = performance.now();
for (let i = 0; i < 39; i++) await cluster.discover("v1", "ConfigMap");
console.log("discover ms", ((performance.now() - t) / 39).toFixed(2));
await cluster.close();
await sandbox.close();
