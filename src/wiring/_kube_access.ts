/** The kubeconfig, loaded on first use, and what is read from it: namespace, API server host. */
import { currentNamespace, loadKubeConfig, type ParsedKubeConfig } from "../kube/mod.ts";
import { isNopeaError } from "../shared/mod.ts";

/** Where the kubeconfig comes from. */
export interface KubeSources {
  /** An explicit file (`--kubeconfig`); else `KUBECONFIG` of `env`, then `~/.kube/config`. */
  kubeconfig: string | undefined;
  /** An explicit context (`--context`); else the file's current context. */
  context: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

/** The kubeconfig, loaded at most once. */
export interface KubeAccess {
  /** Loads the kubeconfig on the first call. @throws {NopeaError} `KUBECONFIG_INVALID` */
  load(): ParsedKubeConfig;
  /** The context's namespace; "default" when it names none or no kubeconfig loads. */
  namespace(): string;
  /** `/nopea/<API server host>`, the CDEvents source; `/nopea/cluster` when unknown. */
  eventSource(): string;
}

/** A lazy kubeconfig: nothing is read before `load()`, `namespace()` or `eventSource()`. */
export function kubeAccess(sources: KubeSources): KubeAccess {
  let loaded: ParsedKubeConfig | undefined;
  const load = () =>
    loaded ??= loadKubeConfig({
      ...(sources.kubeconfig ? { kubeconfig: sources.kubeconfig } : {}),
      ...(sources.context ? { context: sources.context } : {}),
      env: { ...sources.env },
    });
  return {
    load,
    namespace() {
      try {
        return currentNamespace(load());
      } catch (error) {
        // Memory-only work needs no kubeconfig; work on the cluster reports the fault itself.
        if (isNopeaError(error) && error.code === "KUBECONFIG_INVALID") return "default";
        throw error;
      }
    },
    eventSource() {
      try {
        const server = load().getCurrentCluster()?.server ?? "";
        return `/nopea/${URL.parse(server)?.hostname || "cluster"}`;
      } catch {
        return "/nopea/cluster";
      }
    },
  };
}
