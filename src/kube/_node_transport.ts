/**
 * The fallback transport of KubeCluster: client-node's own HTTP library, for kubeconfigs that
 * Deno's fetch cannot serve (TLS verification disabled, proxies). Its connections are pinned to
 * one dispatcher so they are reused and `close()` can end them.
 */
import {
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  RequestContext,
} from "@kubernetes/client-node";
import { credentialsError } from "./_errors.ts";
import type { NativeRequest, NativeResponse, Transport } from "./_native_fetch.ts";

type Dispatcher = NonNullable<ReturnType<RequestContext["getDispatcher"]>>;

/** Forces HTTP/1.1: Deno's node:http2 client aborts the process when a server sends GOAWAY. */
function http1Only(dispatcher: Dispatcher): Dispatcher {
  return dispatcher.compose((dispatch) => (opts, handler) =>
    dispatch({ ...opts, allowH2: false } as typeof opts, handler)
  );
}

/** Requests through `@kubernetes/client-node`'s fetch library and authentication. */
export class NodeTransport implements Transport {
  readonly #kc: KubeConfig;
  readonly #http = new IsomorphicFetchHttpLibrary();
  #dispatcher: Dispatcher | undefined;
  #ownsDispatcher = false;

  /** A transport for the kubeconfig's current context. */
  constructor(kc: KubeConfig) {
    this.#kc = kc;
  }

  /** Sends one request; with `stream`, a 200 answer's body is returned unread (watches). */
  async exchange(
    server: string,
    req: NativeRequest,
    signal: AbortSignal,
    stream: boolean,
  ): Promise<NativeResponse> {
    const ctx = new RequestContext(server + req.path, req.method as "GET");
    try {
      await this.#kc.applySecurityAuthentication(ctx);
    } catch (error) {
      throw credentialsError(server, error);
    }
    const dispatcher = this.#pin(ctx.getDispatcher());
    if (dispatcher) ctx.setDispatcher(dispatcher);
    ctx.setHeaderParam("Accept", "application/json");
    if (req.body !== undefined) {
      ctx.setBody(req.body);
      ctx.setHeaderParam("Content-Type", req.contentType ?? "application/json");
    }
    ctx.setSignal(signal);
    const res = await this.#http.send(ctx).toPromise();
    const base = { status: res.httpStatusCode, headers: res.headers };
    if (stream && res.httpStatusCode === 200) {
      return { ...base, text: "", stream: res.body.stream() };
    }
    return { ...base, text: await res.body.text() };
  }

  /** Ends the pinned connections. */
  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    if (dispatcher && this.#ownsDispatcher) await dispatcher.destroy().catch(() => {});
  }

  /** Keeps the first dispatcher, so connections are reused and `close()` can end them. */
  #pin(fresh: Dispatcher | undefined): Dispatcher | undefined {
    if (this.#dispatcher) return this.#dispatcher;
    const global = (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")];
    const base = fresh ?? (global as Dispatcher | undefined);
    if (!base) return undefined;
    this.#ownsDispatcher = fresh !== undefined;
    this.#dispatcher = http1Only(base);
    return this.#dispatcher;
  }
}
