import { clusterContract } from "./cluster_contract.ts";
import { KubeCluster, loadKubeConfig } from "../../src/kube/mod.ts";
import { kubeClusterFor, startTestSandbox } from "../_sandbox.ts";

clusterContract("in-process sandbox", async () => {
  const sandbox = await startTestSandbox();
  return { cluster: sandbox.cluster, namespace: "default", close: () => sandbox.close() };
});

clusterContract("KubeCluster over HTTPS to the sandbox", async () => {
  const sandbox = await startTestSandbox();
  const cluster = kubeClusterFor(sandbox);
  return {
    cluster,
    namespace: "default",
    close: async () => {
      await cluster.close();
      await sandbox.close();
    },
  };
});

const realKubeconfig = Deno.env.get("NOPEA_TEST_KUBECONFIG");
if (realKubeconfig) {
  clusterContract("real cluster", () => {
    const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: realKubeconfig }));
    const namespace = Deno.env.get("NOPEA_TEST_NAMESPACE") ?? "default";
    return Promise.resolve({ cluster, namespace, close: () => cluster.close() });
  });
} else {
  Deno.test({
    name: "clusterContract(real cluster) is skipped: set NOPEA_TEST_KUBECONFIG to run it",
    ignore: true,
    fn() {},
  });
}
