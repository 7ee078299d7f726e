/**
 * The credentials and TLS material of a kubeconfig context, read by Nopea itself: CA, client
 * certificate and key (files or data), bearer token or token file, basic auth, impersonation.
 * What only client-node can do (exec plugins, auth providers, proxies, skipped TLS checks,
 * `tls-server-name`) is reported so the caller loads client-node for it.
 */
import { NopeaError } from "../shared/mod.ts";
import { asPermissionError } from "../permissions/mod.ts";
import type { KubeconfigCluster, KubeconfigUser, KubeConfigView } from "./kubeconfig_view.ts";

/** What a native transport is built from. */
export interface NativeAccess {
  /** PEM of the certificate authority; none: the system's roots. */
  ca?: string;
  /** PEM of the client certificate and key. */
  cert?: string;
  key?: string;
  /** The headers of the next request (a token file is read again every minute). */
  headers(): HeaderList;
}

/** Request headers; a name may repeat (`Impersonate-Group`). */
export type HeaderList = [name: string, value: string][];

/** Who does what for a context: Deno's fetch or client-node, for the transport and the auth. */
export interface AccessRoute {
  transport: "native" | "client-node";
  auth: "native" | "client-node";
}

const TOKEN_FILE_TTL_MS = 60_000;

/** The route for the current context of `kc`. */
export function routeOf(kc: KubeConfigView): AccessRoute {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const nodeTransport = !cluster || cluster.skipTLSVerify || !!cluster.proxyUrl ||
    !!cluster.tlsServerName || !cluster.server.startsWith("https://");
  const nodeAuth = !!user && (!!user.exec || (!!user.authProvider && !tokenFileOf(user)));
  return {
    transport: nodeTransport ? "client-node" : "native",
    auth: nodeAuth ? "client-node" : "native",
  };
}

/** A token file given as `tokenFile`, or as client-node's in-cluster `tokenFile` auth provider. */
function tokenFileOf(user: KubeconfigUser): string | undefined {
  return user.tokenFile || user.authProvider?.config?.tokenFile || undefined;
}

function readPem(file: string, field: string, owner: string): string {
  try {
    return Deno.readTextFileSync(file);
  } catch (cause) {
    const refused = asPermissionError(cause, `the ${field} of ${owner}`);
    if (refused) throw refused;
    throw new NopeaError(
      "KUBECONFIG_INVALID",
      `Cannot read the ${field} "${file}" of ${owner}: ${
        cause instanceof Error ? cause.message : cause
      }`,
      { hint: `Fix ${field} in the kubeconfig, or create the file`, cause },
    );
  }
}

function decoded(data: string, field: string, owner: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(data.trim()), (c) => c.charCodeAt(0)));
  } catch (cause) {
    throw new NopeaError(
      "KUBECONFIG_INVALID",
      `Cannot use the ${field} of ${owner}: it is not base64`,
      {
        hint: `Set ${field} to the base64 of the PEM text (base64 -w0 < file.pem)`,
        cause,
      },
    );
  }
}

/** The PEM of a `<field>` file or `<field>-data`; the data wins when both are set, as in kubectl. */
function pemOf(file: string | undefined, data: string | undefined, field: string, owner: string) {
  if (data) return decoded(data, `${field}-data`, owner);
  return file ? readPem(file, field, owner) : undefined;
}

function tokenReader(file: string, owner: string): () => string {
  let token = "", readAt = -Infinity;
  return () => {
    const now = Date.now();
    if (now - readAt >= TOKEN_FILE_TTL_MS) {
      token = readPem(file, "tokenFile", owner).trim();
      readAt = now;
    }
    return token;
  };
}

function headersOf(user: KubeconfigUser | null, owner: string): () => HeaderList {
  if (!user) return () => [];
  const fixed: HeaderList = [
    ...(user.impersonateUser ? [["impersonate-user", user.impersonateUser]] as HeaderList : []),
    ...(user.impersonateUid ? [["impersonate-uid", user.impersonateUid]] as HeaderList : []),
    ...(user.impersonateGroups ?? []).map((g): [string, string] => ["impersonate-group", g]),
  ];
  const file = user.token ? undefined : tokenFileOf(user);
  if (user.token) return () => [...fixed, ["authorization", `Bearer ${user.token}`]];
  if (file) {
    const token = tokenReader(file, owner);
    return () => [...fixed, ["authorization", `Bearer ${token()}`]];
  }
  if (!user.username) return () => fixed;
  const utf8 = new TextEncoder().encode(`${user.username}:${user.password ?? ""}`);
  const basic = `Basic ${btoa(String.fromCharCode(...utf8))}`;
  return () => [...fixed, ["authorization", basic]];
}

/**
 * The TLS material and headers of the current context, read natively.
 * @throws {NopeaError} `KUBECONFIG_INVALID` when a referenced file is missing or data is not base64
 */
export function nativeAccess(kc: KubeConfigView): NativeAccess {
  const cluster: KubeconfigCluster | null = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const clusterName = `cluster "${cluster?.name ?? ""}"`;
  const userName = `user "${user?.name ?? ""}"`;
  const ca = pemOf(cluster?.caFile, cluster?.caData, "certificate-authority", clusterName);
  const cert = pemOf(user?.certFile, user?.certData, "client-certificate", userName);
  const key = pemOf(user?.keyFile, user?.keyData, "client-key", userName);
  if (!cert !== !key) {
    const [has, lacks] = cert
      ? ["client-certificate", "client-key"]
      : ["client-key", "client-certificate"];
    throw new NopeaError(
      "KUBECONFIG_INVALID",
      `Cannot use ${userName}: it sets ${has} but no ${lacks}`,
      {
        hint: `Add ${lacks} (or ${lacks}-data) to the user, or remove ${has}`,
      },
    );
  }
  return {
    ...(ca ? { ca } : {}),
    ...(cert && key ? { cert, key } : {}),
    headers: headersOf(user, userName),
  };
}
