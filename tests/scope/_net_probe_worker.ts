/** A worker for net_scope_test: the real KubeCluster, asked to reach a server it was not granted. */
import { KubeCluster, loadKubeConfig } from "../../src/kube/mod.ts";
import { toErrorBody } from "../../src/shared/mod.ts";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ kubeconfigs: string[] }>) => void) | null;
  postMessage(m: unknown): void;
};
scope.onmessage = async (event) => {
  const outcomes: unknown[] = [];
  for (const kubeconfig of event.data.kubeconfigs) {
    const cluster = new KubeCluster(loadKubeConfig({ kubeconfig, env: {} }), { retries: 0 });
    try {
      await cluster.discover("v1", "ConfigMap");
      outcomes.push("reached");
    } catch (error) {
      outcomes.push(toErrorBody(error));
    } finally {
      await cluster.close();
    }
  }
  scope.postMessage({ code: 0, outcomes });
};
