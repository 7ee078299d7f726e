/** Test helpers for deploy locks: a Lease put by another machine, and a racing cluster. */
import type { ClusterPort } from "../../src/kube/mod.ts";
import type { KubeObject } from "../../src/manifests/mod.ts";
import { clusterWith } from "../_cluster_with.ts";

/** The Lease of service "web" in namespace "default". */
export const LEASE = {
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  namespace: "default",
  name: "nopea-web",
};

/** A Lease of service "web" held by `holder`, renewed at `renewedAt`. */
export async function putLease(
  cluster: ClusterPort,
  holder: string,
  renewedAt: number,
  seconds = 60,
): Promise<void> {
  const renewTime = new Date(renewedAt).toISOString().replace("Z", "000Z");
  await cluster.apply({
    apiVersion: LEASE.apiVersion,
    kind: "Lease",
    metadata: { name: LEASE.name, namespace: LEASE.namespace },
    spec: { holderIdentity: holder, leaseDurationSeconds: seconds, renewTime },
  }, { fieldManager: "other-machine", force: true });
}

/** A cluster whose first Lease read waits until both racers have read it. */
export function racing(cluster: ClusterPort, arrive: () => Promise<void>): ClusterPort {
  let first = true;
  return clusterWith(cluster, {
    async get(key) {
      const object: KubeObject | undefined = await cluster.get(key);
      if (key.kind === "Lease" && first) {
        first = false;
        await arrive();
      }
      return object;
    },
  });
}
