/**
 * The request side of KubeCluster: one request at a time in a slot of the adaptive limit, with a
 * timeout, retries, and transport failures turned into NopeaErrors.
 */
import { isNopeaError, type Logger } from "../shared/mod.ts";
import { asPermissionError, hostPortOf, permissionError } from "../permissions/mod.ts";
import type { ClusterSettings } from "./kube_cluster_options.ts";
import { unreachableError } from "./_errors.ts";
import { type RetryPolicy, withRetries } from "./_retry.ts";
import { AdaptiveLimit, type RequestSignal } from "./_adaptive_limit.ts";
import type { NativeRequest, NativeResponse, Transport } from "./_native_fetch.ts";
import { openTransport } from "./_transport.ts";
import type { KubeConfigView } from "./kubeconfig_view.ts";

/** A request to the API server. */
export interface HttpRequest extends NativeRequest {
  method: "GET" | "PATCH" | "DELETE";
}

/** An answer of the API server (for an opened watch, its stream). */
export type HttpResponse = NativeResponse;

/** Whether a status is a success (2xx). */
export function ok(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * What an answer says about the server's load: 429 (API Priority and Fairness included) and a
 * 503 with `Retry-After` push back; other 5xx say nothing; anything else is a prompt answer.
 */
function signalOf(res: HttpResponse): RequestSignal {
  if (res.status === 429 || (res.status === 503 && res.headers["retry-after"] !== undefined)) {
    return "pushback";
  }
  return res.status >= 500 ? "neutral" : "ok";
}

/** The connection of a KubeCluster to its API server; the transport opens on the first request. */
export class HttpSession {
  readonly #kc: KubeConfigView;
  readonly #server: string;
  readonly #slots: AdaptiveLimit;
  readonly #timeoutMs: number;
  /** How requests are retried (watches reconnect with the same backoff). */
  readonly policy: RetryPolicy;
  /** Where retries and watch reconnects are logged. */
  readonly log: Logger;
  #transport: Promise<Transport> | undefined;

  constructor(kc: KubeConfigView, server: string, settings: ClusterSettings) {
    this.#kc = kc;
    this.#server = server;
    this.#slots = new AdaptiveLimit(settings.concurrency);
    this.#timeoutMs = settings.timeoutMs;
    this.log = settings.log;
    this.policy = settings.policy;
  }

  /** One request with retries; transport failures become `KUBE_UNREACHABLE`. */
  async send(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    try {
      return await withRetries(
        () => this.#exchange(req, signal),
        this.policy,
        (notice) =>
          this.log.log("debug", "Retrying a cluster request", {
            method: req.method,
            path: req.path,
            ...notice,
          }),
      );
    } catch (error) {
      if (isNopeaError(error) || signal?.aborted) throw error;
      const refused = asPermissionError(error);
      if (refused?.details?.["permission"] === "net") {
        const host = hostPortOf(this.#server) ?? this.#server;
        throw permissionError("net", host, "the cluster's API server", error);
      }
      if (refused) throw refused;
      throw unreachableError(this.#server, error, { method: req.method, path: req.path });
    }
  }

  /** Closes the connections this session opened (open watches end). */
  async close(): Promise<void> {
    const transport = this.#transport;
    this.#transport = undefined;
    await (await transport)?.close();
  }

  /**
   * One attempt in a concurrency slot of the adaptive limit, which learns from the answer. A
   * watch keeps its stream but frees the slot.
   */
  async #exchange(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const ticket = await this.#slots.acquire();
    let outcome: RequestSignal = "neutral";
    const timeout = new AbortController();
    const timer = setTimeout(
      () =>
        timeout.abort(new DOMException(`No response within ${this.#timeoutMs} ms`, "TimeoutError")),
      this.#timeoutMs,
    );
    try {
      const abort = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      const transport = await (this.#transport ??= openTransport(this.#kc, this.#server));
      const res = await transport.exchange(this.#server, req, abort, signal !== undefined);
      outcome = signalOf(res);
      return res;
    } catch (error) {
      if (timeout.signal.aborted) outcome = "pushback";
      throw error;
    } finally {
      clearTimeout(timer);
      ticket.release(outcome);
    }
  }
}
