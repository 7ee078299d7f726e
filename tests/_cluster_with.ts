/** Test helper: a cluster port that passes every call through, except the ones given. */
import type { ClusterPort } from "../src/kube/mod.ts";

/** `cluster` with `overrides` in place of some of its methods (the rest are bound to it). */
export function clusterWith(cluster: ClusterPort, overrides: Partial<ClusterPort>): ClusterPort {
  return {
    discover: (...a) => cluster.discover(...a),
    get: (...a) => cluster.get(...a),
    list: (...a) => cluster.list(...a),
    apply: (...a) => cluster.apply(...a),
    patch: (...a) => cluster.patch(...a),
    delete: (...a) => cluster.delete(...a),
    watch: (...a) => cluster.watch(...a),
    ...overrides,
  };
}
