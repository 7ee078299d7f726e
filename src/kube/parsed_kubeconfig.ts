/** ParsedKubeConfig: a kubeconfig read by Nopea itself, with client-node's `KubeConfig` getters. */
import type {
  KubeconfigCluster,
  KubeconfigContext,
  KubeconfigUser,
  KubeConfigView,
} from "./kubeconfig_view.ts";

/** The entries of one kubeconfig file, or of several merged. */
export interface KubeconfigEntries {
  /** The clusters: API server and how to trust it. */
  clusters: KubeconfigCluster[];
  /** The users: credentials. */
  users: KubeconfigUser[];
  /** The contexts: a cluster, a user and a namespace under one name. */
  contexts: KubeconfigContext[];
  /** `current-context`; empty when the files set none. */
  currentContext: string;
}

/**
 * A loaded kubeconfig: clusters, users and contexts under client-node's names and getters, so
 * code written for a client-node `KubeConfig` reads it unchanged. `loadKubeConfig` returns one.
 *
 * @example
 * ```ts
 * import { ParsedKubeConfig } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const kc = new ParsedKubeConfig({
 *   clusters: [{ name: "c", server: "https://127.0.0.1:6443", skipTLSVerify: false }],
 *   users: [{ name: "u", token: "t" }],
 *   contexts: [{ name: "dev", cluster: "c", user: "u", namespace: "shop" }],
 *   currentContext: "dev",
 * });
 * equal(kc.getCurrentCluster()?.server, "https://127.0.0.1:6443");
 * equal(kc.getCurrentUser()?.token, "t");
 * ```
 */
export class ParsedKubeConfig implements KubeConfigView {
  /** Every cluster entry, first definition of a name first. */
  readonly clusters: readonly KubeconfigCluster[];
  /** Every user entry. */
  readonly users: readonly KubeconfigUser[];
  /** Every context entry. */
  readonly contexts: readonly KubeconfigContext[];
  /** The selected context's name (`current-context`, or the one `--context` named). */
  currentContext: string;

  /** A kubeconfig of these entries. */
  constructor(entries: KubeconfigEntries) {
    this.clusters = entries.clusters;
    this.users = entries.users;
    this.contexts = entries.contexts;
    this.currentContext = entries.currentContext;
  }

  /** The selected context's name. */
  getCurrentContext(): string {
    return this.currentContext;
  }

  /** Selects another context by name. */
  setCurrentContext(name: string): void {
    this.currentContext = name;
  }

  /** A context by name, or `null`. */
  getContextObject(name: string): KubeconfigContext | null {
    return this.contexts.find((c) => c.name === name) ?? null;
  }

  /** A cluster by name, or `null`. */
  getCluster(name: string): KubeconfigCluster | null {
    return this.clusters.find((c) => c.name === name) ?? null;
  }

  /** A user by name, or `null`. */
  getUser(name: string): KubeconfigUser | null {
    return this.users.find((u) => u.name === name) ?? null;
  }

  /** The cluster of the selected context, or `null`. */
  getCurrentCluster(): KubeconfigCluster | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getCluster(context.cluster) : null;
  }

  /** The user of the selected context, or `null`. */
  getCurrentUser(): KubeconfigUser | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getUser(context.user) : null;
  }
}
