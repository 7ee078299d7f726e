/** What KubeCluster reads of the current context: its namespace and its API server. */
import { invalid } from "./_kubeconfig_files.ts";
import type { KubeConfigView } from "./kubeconfig_view.ts";

/**
 * The namespace of the current context, else `"default"`.
 *
 * @example
 * ```ts
 * import { currentNamespace, ParsedKubeConfig } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const empty = new ParsedKubeConfig({ clusters: [], users: [], contexts: [], currentContext: "" });
 * equal(currentNamespace(empty), "default");
 * ```
 */
export function currentNamespace(kc: KubeConfigView): string {
  const name = kc.getCurrentContext();
  return (name ? kc.getContextObject(name)?.namespace : undefined) || "default";
}

/**
 * The API server URL of the current context, checked for use by KubeCluster.
 * @throws {NopeaError} `KUBECONFIG_INVALID` when the context has no cluster or uses plain http.
 */
export function serverOf(kc: KubeConfigView): string {
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw invalid(
      "Cannot use the kubeconfig: its current context names no cluster",
      "Load it with loadKubeConfig(), which checks the context and its cluster",
    );
  }
  if (cluster.server.startsWith("http:") && !cluster.skipTLSVerify) {
    throw invalid(
      `Cannot use cluster "${cluster.name}" at "${cluster.server}": plain http is refused`,
      "Use the https:// address of the API server",
    );
  }
  return cluster.server;
}
