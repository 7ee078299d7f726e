/** The network a run may reach: the selected context's API server, the CDEvents sink, `serve`'s address. */
import { loadKubeConfig } from "../kube/mod.ts";
import { hostPortOf } from "../permissions/mod.ts";

/** What decides the hosts: the kubeconfig flags, the environment, and `serve`'s address. */
export interface NetScopeSources {
  /** `--kubeconfig`; else `KUBECONFIG` of `env`, then `~/.kube/config`, then in-cluster. */
  kubeconfig?: string | undefined;
  /** `--context`; else the kubeconfig's current context. */
  context?: string | undefined;
  /** The environment (`KUBECONFIG`, `HOME`, `NOPEA_CDEVENTS_URL`, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** The address `nopea serve` listens on: `host:port`, or `host` for a random port. */
  listen?: string | undefined;
}

/** The API server (and its proxy, if the kubeconfig names one) of the selected context. */
function clusterHosts(sources: NetScopeSources): string[] {
  try {
    const kc = loadKubeConfig({
      ...(sources.kubeconfig ? { kubeconfig: sources.kubeconfig } : {}),
      ...(sources.context ? { context: sources.context } : {}),
      env: { ...sources.env },
    });
    const cluster = kc.getCurrentCluster();
    return [cluster?.server, cluster?.proxyUrl].flatMap((url) => {
      const host = url ? hostPortOf(url) : undefined;
      return host ? [host] : [];
    });
  } catch {
    // No usable kubeconfig: no cluster to reach. The run itself reports why, if it needs one.
    return [];
  }
}

/**
 * The `host:port` entries of Deno's net permission a run needs: the API server of the selected
 * kubeconfig context (plus its `proxy-url`), the CDEvents sink (`NOPEA_CDEVENTS_URL`) and the
 * address `serve` listens on. Nothing else: memory-only work reaches no network at all.
 *
 * @example
 * ```ts
 * import { netScope } from "./net_scope.ts";
 * import { deepEqual } from "node:assert/strict";
 * const env = { NOPEA_CDEVENTS_URL: "http://events.example:8080/e" };
 * deepEqual(netScope({ kubeconfig: "/nonexistent", env }), ["events.example:8080"]);
 * ```
 */
export function netScope(sources: NetScopeSources): string[] {
  const events = sources.env["NOPEA_CDEVENTS_URL"];
  const hosts = [
    ...clusterHosts(sources),
    ...(events ? [hostPortOf(events)].filter((h) => h !== undefined) : []),
    ...(sources.listen ? [sources.listen] : []),
  ];
  return [...new Set(hosts)];
}
