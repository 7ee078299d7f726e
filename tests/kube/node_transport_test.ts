/** KubeCluster falls back to client-node's transport when Deno's fetch cannot serve the kubeconfig. */
import { equal, ok } from "node:assert/strict";
import { KubeCluster, loadKubeConfig } from "../../src/kube/mod.ts";
import { startSandbox } from "../../src/sandbox/mod.ts";

Deno.test("KubeCluster talks through client-node when TLS verification is disabled", async () => {
  await using sandbox = {
    s: await startSandbox(),
    [Symbol.asyncDispose]() {
      return this.s.close();
    },
  };
  const dir = await Deno.makeTempDir();
  try {
    const insecure = sandbox.s.kubeconfig()
      .replace(/certificate-authority-data: .*/, "insecure-skip-tls-verify: true");
    ok(insecure.includes("insecure-skip-tls-verify: true"));
    await Deno.writeTextFile(`${dir}/kubeconfig`, insecure);
    const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: `${dir}/kubeconfig`, env: {} }));
    try {
      const ns = await cluster.get({ apiVersion: "v1", kind: "Namespace", name: "default" });
      equal(ns?.metadata.name, "default");
      const applied = await cluster.apply({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "via-node", namespace: "default" },
        data: { a: "1" },
      });
      equal(applied.metadata.managedFields?.[0]?.manager, "nopea");
    } finally {
      await cluster.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
