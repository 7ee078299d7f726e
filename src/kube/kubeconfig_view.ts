/**
 * A kubeconfig as KubeCluster reads it: Nopea's own `ParsedKubeConfig` (read without loading
 * `@kubernetes/client-node`), or a client-node `KubeConfig`, which has the same shape.
 */

/** A cluster entry, with client-node's field names. */
export interface KubeconfigCluster {
  /** The cluster's name, which contexts refer to. */
  readonly name: string;
  /** The API server URL, without a trailing slash. */
  readonly server: string;
  /** `certificate-authority-data`: PEM, base64-encoded. */
  readonly caData?: string | undefined;
  /** `certificate-authority`: a PEM file, absolute once loaded. */
  readonly caFile?: string | undefined;
  /** `insecure-skip-tls-verify`. */
  readonly skipTLSVerify: boolean;
  /** `tls-server-name`: the name the server certificate is checked against. */
  readonly tlsServerName?: string | undefined;
  /** `proxy-url`. */
  readonly proxyUrl?: string | undefined;
}

/** A user entry (credentials), with client-node's field names plus `tokenFile`. */
export interface KubeconfigUser {
  /** The user's name, which contexts refer to. */
  readonly name: string;
  /** `client-certificate-data`, base64-encoded PEM. */
  readonly certData?: string | undefined;
  /** `client-certificate`: a PEM file. */
  readonly certFile?: string | undefined;
  /** `client-key-data`, base64-encoded PEM. */
  readonly keyData?: string | undefined;
  /** `client-key`: a PEM file. */
  readonly keyFile?: string | undefined;
  /** `token`: a bearer token. */
  readonly token?: string | undefined;
  /** `tokenFile`: a file holding the bearer token, read again every minute. */
  readonly tokenFile?: string | undefined;
  /** `username` of basic authentication. */
  readonly username?: string | undefined;
  /** `password` of basic authentication. */
  readonly password?: string | undefined;
  /** `as`: the user to impersonate. */
  readonly impersonateUser?: string | undefined;
  /** `as-groups`: the groups to impersonate. */
  readonly impersonateGroups?: readonly string[] | undefined;
  /** `as-uid`: the uid to impersonate. */
  readonly impersonateUid?: string | undefined;
  /** `exec`: a credential plugin (run through client-node). */
  // deno-lint-ignore no-explicit-any
  readonly exec?: any;
  /** `auth-provider`: OIDC, GCP, Azure... (run through client-node). */
  // deno-lint-ignore no-explicit-any
  readonly authProvider?: any;
}

/** A context entry: a cluster, a user and a namespace under one name. */
export interface KubeconfigContext {
  /** The context's name (`--context`). */
  readonly name: string;
  /** The name of its cluster. */
  readonly cluster: string;
  /** The name of its user; empty for none. */
  readonly user: string;
  /** Its namespace; deploys that name none go there. */
  readonly namespace?: string | undefined;
}

/**
 * What KubeCluster needs of a kubeconfig: the current context, its cluster and its user. Both
 * Nopea's `ParsedKubeConfig` (from `loadKubeConfig`) and client-node's `KubeConfig` have it.
 */
export interface KubeConfigView {
  /** The name of the current context. */
  getCurrentContext(): string;
  /** A context by name, or `null`. */
  getContextObject(name: string): KubeconfigContext | null;
  /** The cluster of the current context, or `null`. */
  getCurrentCluster(): KubeconfigCluster | null;
  /** The user of the current context, or `null`. */
  getCurrentUser(): KubeconfigUser | null;
}
