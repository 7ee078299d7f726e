/**
 * @module
 * Cluster access: the `ClusterPort` and its real implementation on
 * `@kubernetes/client-node` (kubeconfig, discovery, server-side apply, watch,
 * retries). Knows nothing of deploys or memory.
 */
export type {
  ApplyOptions,
  ClusterPort,
  DeleteOptions,
  ListOptions,
  PatchOptions,
  ResourceInfo,
  WatchEvent,
  WatchHandle,
} from "./cluster_port.ts";
export {
  conflictsOf,
  errorFromStatus,
  type FieldConflict,
  type KubeStatus,
  type StatusContext,
} from "./status_error.ts";
export { KubeCluster } from "./kube_cluster.ts";
export type { KubeClusterOptions } from "./kube_cluster_options.ts";
export { currentNamespace, loadKubeConfig, type LoadKubeConfigOptions } from "./kubeconfig.ts";
