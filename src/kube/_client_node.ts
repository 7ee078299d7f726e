/**
 * `@kubernetes/client-node`, loaded only for what Nopea does not do itself: exec credential
 * plugins and auth providers (OIDC, GCP, Azure), and the fallback transport (proxies, skipped TLS
 * checks, `tls-server-name`). Loading it costs about 0.6 s and 85 MB, so the common kubeconfig
 * (CA, client certificate, token) never does.
 */
import type { KubeConfig, User } from "@kubernetes/client-node";
import type { KubeconfigUser, KubeConfigView } from "./kubeconfig_view.ts";
import type { AuthHeaders, TlsMaterial } from "./_native_fetch.ts";
import type { HeaderList } from "./_native_auth.ts";
import { credentialsError } from "./_errors.ts";

interface HttpsOptions {
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
  auth?: string;
  headers?: Record<string, unknown>;
}

const pem = (v: unknown): string | undefined =>
  v === undefined || v === null
    ? undefined
    : Array.isArray(v)
    ? v.map(String).join("\n")
    : String(v);

function isClientNodeConfig(kc: KubeConfigView): kc is KubeConfigView & KubeConfig {
  return typeof (kc as Partial<KubeConfig>).applyToHTTPSOptions === "function";
}

function clientNodeUser(user: KubeconfigUser): User {
  const { tokenFile, impersonateGroups: _g, impersonateUid: _u, ...rest } = user;
  const useFile = tokenFile && !user.token && !user.authProvider;
  const fields = useFile
    ? { ...rest, authProvider: { name: "tokenFile", config: { tokenFile } } }
    : rest;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as User;
}

/** The current context of `kc` as a client-node `KubeConfig` (`kc` itself when it is one). */
export async function clientNodeConfig(kc: KubeConfigView): Promise<KubeConfig> {
  if (isClientNodeConfig(kc)) return kc;
  const { KubeConfig } = await import("@kubernetes/client-node");
  const name = kc.getCurrentContext();
  const context = kc.getContextObject(name);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const out = new KubeConfig();
  out.loadFromOptions({
    clusters: cluster ? [cluster] : [],
    users: user ? [clientNodeUser(user)] : [],
    contexts: context ? [context] : [],
    currentContext: name,
  });
  return out;
}

async function httpsOptions(kc: KubeConfig): Promise<HttpsOptions> {
  const opts: HttpsOptions = { headers: {} };
  await kc.applyToHTTPSOptions(opts as Parameters<KubeConfig["applyToHTTPSOptions"]>[0]);
  return opts;
}

function headerList(opts: HttpsOptions): HeaderList {
  const list: HeaderList = Object.entries(opts.headers ?? {}).map(([k, v]) => [k, String(v)]);
  const basic = opts.auth && !list.some(([k]) => k.toLowerCase() === "authorization");
  return basic ? [...list, ["authorization", `Basic ${btoa(opts.auth!)}`]] : list;
}

/**
 * TLS material and per-request headers prepared by client-node (an exec plugin may hand out a
 * client certificate as well as a token).
 * @throws {NopeaError} `KUBE_UNAUTHORIZED` when the credentials cannot be prepared
 */
export async function clientNodeAccess(
  kc: KubeConfig,
  server: string,
): Promise<{ tls: TlsMaterial; headers: AuthHeaders }> {
  const first = await httpsOptions(kc).catch((error: unknown) => {
    throw credentialsError(server, error);
  });
  return {
    tls: { ca: pem(first.ca), cert: pem(first.cert), key: pem(first.key) },
    headers: async () => headerList(await httpsOptions(kc)),
  };
}
