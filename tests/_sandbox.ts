/** Test helpers: a sandbox cluster, and a KubeCluster talking HTTPS to it. */
import { KubeConfig } from "@kubernetes/client-node";
import { KubeCluster, type KubeClusterOptions } from "../src/kube/mod.ts";
import { type Sandbox, type SandboxOptions, startSandbox } from "../src/sandbox/mod.ts";
import { fixedClock } from "../src/shared/mod.ts";

/** A sandbox on a fixed clock with no background timer (controllers run only on `tick()`). */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ clock: fixedClock(), manualTime: true, ...options });
}

/** Variations of the sandbox's kubeconfig, to provoke auth and TLS failures. */
export interface SandboxKubeConfigOptions {
  namespace?: string;
  /** Replaces the sandbox's token. */
  token?: string;
  /** Drops the sandbox CA, so the server certificate is not trusted. */
  untrusted?: boolean;
}

/** The sandbox's kubeconfig, loaded (and varied) for @kubernetes/client-node. */
export function sandboxKubeConfig(
  sandbox: Sandbox,
  options: SandboxKubeConfigOptions = {},
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig(options.namespace ? { namespace: options.namespace } : {}));
  const token = options.token;
  kc.loadFromOptions({
    clusters: kc.clusters.map((c) => options.untrusted ? { ...c, caData: undefined } : c),
    users: kc.users.map((u) => token === undefined ? u : { ...u, token }),
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return kc;
}

/** A KubeCluster on the sandbox; retries wait for nothing unless `sleep` is given. */
export function kubeClusterFor(
  sandbox: Sandbox,
  options: KubeClusterOptions = {},
  kc: KubeConfig = sandboxKubeConfig(sandbox),
): KubeCluster {
  return new KubeCluster(kc, { sleep: () => Promise.resolve(), ...options });
}
