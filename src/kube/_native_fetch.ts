/**
 * The fast path of KubeCluster: Deno's own fetch with an HTTP client built from the
 * kubeconfig's TLS material. client-node still does the authentication (tokens, client
 * certificates, exec plugins) through `applyToHTTPSOptions`; only the transport differs,
 * because client-node's node-compat transport costs about 20 ms per request under Deno.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import { credentialsError } from "./_errors.ts";
import { asPermissionError } from "../permissions/mod.ts";

/** The request and response shapes KubeCluster exchanges. */
export interface NativeRequest {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

/** A response: status, headers, and the text (or, for a streaming watch, the body stream). */
export interface NativeResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  stream?: ReadableStream<Uint8Array> | null;
}

/** One HTTP client for the cluster; `exchange` sends one request. */
export interface Transport {
  /** Sends one request; with `stream`, a 200 answer's body is returned unread (watches). */
  exchange(
    server: string,
    req: NativeRequest,
    signal: AbortSignal,
    stream: boolean,
  ): Promise<NativeResponse>;
  /** Closes the connections. */
  close(): void | Promise<void>;
}

interface HttpsOptions {
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
  headers?: Record<string, unknown>;
  rejectUnauthorized?: boolean;
}

const pem = (v: unknown): string | undefined =>
  v === undefined || v === null
    ? undefined
    : Array.isArray(v)
    ? v.map(String).join("\n")
    : String(v);

async function authOptions(kc: KubeConfig): Promise<HttpsOptions> {
  const opts: HttpsOptions = { headers: {} };
  await kc.applyToHTTPSOptions(opts as Parameters<KubeConfig["applyToHTTPSOptions"]>[0]);
  return opts;
}

/**
 * A native transport for the current context, or `undefined` when one cannot be built
 * (TLS verification disabled, or a proxy configured): the caller then uses client-node's.
 */
export async function nativeTransport(kc: KubeConfig): Promise<Transport | undefined> {
  const cluster = kc.getCurrentCluster();
  if (
    !cluster || cluster.skipTLSVerify || cluster.proxyUrl || !cluster.server.startsWith("https://")
  ) {
    return undefined;
  }
  const tls = await authOptions(kc);
  if (tls.rejectUnauthorized === false) return undefined;
  const ca = pem(tls.ca);
  const cert = pem(tls.cert);
  const key = pem(tls.key);
  const client = Deno.createHttpClient({
    ...(ca ? { caCerts: [ca] } : {}),
    ...(cert && key ? { cert, key } : {}),
  });
  return {
    async exchange(server, req, signal, stream) {
      const { headers: auth } = await authOptions(kc).catch((error: unknown) => {
        throw asPermissionError(error) ?? credentialsError(server, error);
      });
      const headers = new Headers({ accept: "application/json" });
      for (const [name, value] of Object.entries(auth ?? {})) headers.set(name, String(value));
      if (req.body !== undefined) {
        headers.set("content-type", req.contentType ?? "application/json");
      }
      const res = await fetch(server + req.path, {
        method: req.method,
        headers,
        ...(req.body === undefined ? {} : { body: req.body }),
        signal,
        client,
      });
      const base = { status: res.status, headers: Object.fromEntries(res.headers) };
      if (stream && res.status === 200) return { ...base, text: "", stream: res.body };
      return { ...base, text: await res.text() };
    },
    close: () => client.close(),
  };
}
