/**
 * The main thread's TLS warm-up: one handshake to the API server while the worker loads the
 * command. Deno sets up its TLS stack once per process (~40 ms) on the first handshake; doing it
 * here, on an idle thread, takes it off the command's first request. Uses only what the main thread
 * has already loaded (no module is imported while the worker loads: Deno can hang on that).
 */
import { type ClusterTls, clusterTls, type ClusterTlsSources } from "./cluster_tls.ts";
import { PROXY_VARIABLES, proxyEnvironment } from "./net_scope.ts";

/** Why no handshake was tried. */
export type WarmUpSkip =
  | "no-cluster"
  | "not-https"
  | "insecure"
  | "tls-server-name"
  | "proxy"
  | "proxy-unknown"
  | "no-permission";

/** What the warm-up did: a handshake `"warmed"`, `"failed"` (also warms) or `"timed-out"`, or a skip. */
export type WarmUpOutcome = "warmed" | "failed" | "timed-out" | WarmUpSkip;

/** Options of {@linkcode warmUpTls}. */
export interface WarmUpOptions {
  /** The set proxy variables among `HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, `all_proxy`. */
  proxyEnv?: Readonly<Record<string, string | undefined>>;
  /** The handshake is abandoned (its connection closed) after this long. @default {5000} */
  timeoutMs?: number;
}

/** Why the handshake must not be tried, or `undefined` when it may. */
function skipReason(tls: ClusterTls | undefined, options: WarmUpOptions): WarmUpSkip | undefined {
  if (!tls) return "no-cluster";
  const url = URL.parse(tls.server);
  if (!url || url.protocol !== "https:" || !url.hostname) return "not-https";
  // A handshake that fails verification would log "bad certificate" on the API server.
  if (tls.insecure) return "insecure";
  // Deno cannot send a server name other than the host it connects to.
  if (tls.tlsServerName) return "tls-server-name";
  if (tls.proxyUrl || PROXY_VARIABLES.some((v) => options.proxyEnv?.[v])) return "proxy";
  const host = `${url.hostname}:${url.port || "443"}`;
  return Deno.permissions.querySync({ name: "net", host }).state === "granted"
    ? undefined
    : "no-permission";
}

/** Closes a connection that may already be closed. */
function closeQuietly(conn: Deno.Conn | undefined): void {
  try {
    conn?.close();
  } catch { /* already closed */ }
}

/**
 * One TLS handshake, closed when done. After `timeoutMs` the connect is aborted, or the
 * connection closed (Deno releases a socket whose handshake is pending only when the server
 * answers or the process ends: `nopea` ends with `Deno.exit`). Never rejects.
 */
async function handshake(url: URL, caPem: string | undefined, timeoutMs: number) {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const abort = new AbortController();
  let conn: Deno.Conn | undefined;
  const attempt = (async () => {
    try {
      const tcp = conn = await Deno.connect({
        hostname,
        port: Number(url.port || "443"),
        signal: abort.signal,
      });
      if (abort.signal.aborted) return "timed-out" as const;
      const tls = conn = await Deno.startTls(tcp, {
        hostname,
        ...(caPem ? { caCerts: [caPem] } : {}),
      });
      await tls.handshake();
      return "warmed" as const;
    } catch {
      return "failed" as const;
    } finally {
      closeQuietly(conn);
    }
  })();
  const { promise: timeout, resolve } = Promise.withResolvers<"timed-out">();
  const timer = setTimeout(() => {
    abort.abort();
    closeQuietly(conn);
    resolve("timed-out");
  }, timeoutMs);
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens and closes one TLS connection to the cluster's API server, trusting the cluster's CA, so
 * that the process's TLS set-up is done before the command's first request. Skipped (the reason
 * is returned, no connection is made) for a non-`https:` server, `insecure-skip-tls-verify`,
 * `tls-server-name`, a proxy, or no net permission for the host. Never rejects.
 *
 * @example
 * ```ts
 * import { warmUpTls } from "./tls_warm_up.ts";
 * import { equal } from "node:assert/strict";
 * const tls = { server: "http://127.0.0.1:8080", insecure: false };
 * equal(await warmUpTls(tls), "not-https");
 * ```
 */
export async function warmUpTls(
  tls: ClusterTls | undefined,
  options: WarmUpOptions = {},
): Promise<WarmUpOutcome> {
  try {
    const skip = skipReason(tls, options);
    if (skip || !tls) return skip ?? "no-cluster";
    return await handshake(new URL(tls.server), tls.caPem, options.timeoutMs ?? 5000);
  } catch {
    return "failed";
  }
}

/**
 * {@linkcode warmUpTls} for the selected kubeconfig context; skipped (`"proxy-unknown"`) when the
 * process may not read the proxy variables (`HTTPS_PROXY`, `ALL_PROXY`). Fire and forget: the
 * process ends when the command does, a pending connect or not.
 *
 * @example
 * ```ts
 * import { warmUpClusterTls } from "./tls_warm_up.ts";
 * import { equal } from "node:assert/strict";
 * equal(await warmUpClusterTls({ kubeconfig: "/nonexistent", env: {} }), "no-cluster");
 * ```
 */
export async function warmUpClusterTls(sources: ClusterTlsSources): Promise<WarmUpOutcome> {
  try {
    const proxyEnv = proxyEnvironment();
    return proxyEnv ? await warmUpTls(clusterTls(sources), { proxyEnv }) : "proxy-unknown";
  } catch {
    return "failed";
  }
}
