/** The kubeconfig (YAML) that points kubectl and @kubernetes/client-node at the sandbox. */
import { stringify } from "yaml";

/** What a kubeconfig for the sandbox needs. */
export interface KubeconfigInput {
  server: string;
  caPem: string;
  token: string;
  context?: string;
  namespace?: string;
}

/** Builds the kubeconfig: one cluster, one token user, one context (current). */
export function kubeconfigYaml(input: KubeconfigInput): string {
  const name = "nopea-sandbox";
  const context = input.context ?? name;
  const caData = btoa(input.caPem);
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: input.server, "certificate-authority-data": caData } }],
    users: [{ name, user: { token: input.token } }],
    contexts: [{
      name: context,
      context: {
        cluster: name,
        user: name,
        ...(input.namespace === undefined ? {} : { namespace: input.namespace }),
      },
    }],
    "current-context": context,
    preferences: {},
  });
}
