/** A ClusterPort that builds its KubeCluster on first use. */
import type { ClusterPort } from "../kube/mod.ts";

/**
 * Loads the kubeconfig on the first call, so that work which only reads memory never needs one,
 * and a broken kubeconfig is reported by the operation that needs the cluster.
 */
export function lazyCluster(build: () => ClusterPort): ClusterPort {
  let cluster: ClusterPort | undefined;
  const get = () => (cluster ??= build());
  return {
    discover: (...a) => get().discover(...a),
    get: (...a) => get().get(...a),
    list: (...a) => get().list(...a),
    apply: (...a) => get().apply(...a),
    patch: (...a) => get().patch(...a),
    delete: (...a) => get().delete(...a),
    watch: (...a) => get().watch(...a),
  };
}
