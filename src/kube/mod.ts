/**
 * @module
 * Cluster access: the `ClusterPort` and its real implementation over HTTPS
 * (kubeconfig read by Nopea, discovery, server-side apply, watch, retries;
 * `@kubernetes/client-node` loaded only for exec plugins, auth providers and
 * proxies). Knows nothing of deploys or memory.
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
export { loadKubeConfig, type LoadKubeConfigOptions } from "./kubeconfig.ts";
export { currentNamespace } from "./current_context.ts";
export { type KubeconfigEntries, ParsedKubeConfig } from "./parsed_kubeconfig.ts";
export type {
  KubeconfigCluster,
  KubeconfigContext,
  KubeconfigUser,
  KubeConfigView,
} from "./kubeconfig_view.ts";
