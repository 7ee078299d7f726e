/**
 * The fast path of KubeCluster: Deno's own fetch with an HTTP client built from the
 * kubeconfig's TLS material (client-node's node-compat transport costs about 20 ms per request
 * under Deno). The headers come from Nopea's own reading of the credentials, or from
 * client-node's `applyToHTTPSOptions` for exec plugins and auth providers.
 */
import { isNopeaError } from "../shared/mod.ts";
import { asPermissionError } from "../permissions/mod.ts";
import { credentialsError } from "./_errors.ts";
import type { HeaderList } from "./_native_auth.ts";

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

/** The TLS material of a native transport, PEM text. */
export interface TlsMaterial {
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
}

/** The headers of one request: fixed, or prepared per request (a token file, an exec plugin). */
export type AuthHeaders = () => HeaderList | Promise<HeaderList>;

/**
 * A transport on Deno's own fetch, with an HTTP client that trusts `tls.ca` (else the system's
 * roots) and presents the client certificate, if any; `auth` gives each request's headers.
 */
export function nativeTransport(tls: TlsMaterial, auth: AuthHeaders): Transport {
  const client = Deno.createHttpClient({
    ...(tls.ca ? { caCerts: [tls.ca] } : {}),
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
  });
  return {
    async exchange(server, req, signal, stream) {
      const headers = new Headers({ accept: "application/json" });
      for (const [name, value] of await authHeaders(auth, server)) headers.append(name, value);
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

async function authHeaders(auth: AuthHeaders, server: string): Promise<HeaderList> {
  try {
    return await auth();
  } catch (error) {
    if (isNopeaError(error)) throw error;
    throw asPermissionError(error) ?? credentialsError(server, error);
  }
}
