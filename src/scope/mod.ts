/**
 * @module
 * The network a run may reach, and the Worker that runs it with only that network: what the
 * process side of the `nopea` executable needs before a command runs. Kept apart from `wiring/`
 * so that the main thread loads a minimal kubeconfig reader (`js-yaml`, a few fields) and nothing
 * of `src/kube/` or the engine (the command
 * itself loads that, once, in the worker). An adapter folder: it reads permissions and starts
 * workers, and opens one TLS connection to warm up the process's TLS stack while the worker loads.
 */
export { type ClusterTls, clusterTls, type ClusterTlsSources } from "./cluster_tls.ts";
export { netScope, type NetScopeSources, scopeEnvironment } from "./net_scope.ts";
export { runScopedWorker, type ScopedWorkerOptions, workerPlan } from "./scoped_worker.ts";
export { warmUpClusterTls, type WarmUpOutcome, type WarmUpSkip, warmUpTls } from "./tls_warm_up.ts";
