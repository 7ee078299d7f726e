/** KubeCluster: the ClusterPort over HTTPS (Deno's fetch; retries, bounded concurrency). */
import { isNopeaError, type Logger, NopeaError } from "../shared/mod.ts";
import { keyOf, type KubeObject, type ResourceKey } from "../manifests/mod.ts";
import type {
  ApplyOptions,
  ClusterPort,
  DeleteOptions,
  ListOptions,
  PatchOptions,
  ResourceInfo,
  WatchEvent,
  WatchHandle,
} from "./cluster_port.ts";
import { errorFromStatus, type StatusContext } from "./status_error.ts";
import { currentNamespace, serverOf } from "./current_context.ts";
import { type KubeClusterOptions, settingsOf } from "./kube_cluster_options.ts";
import { DiscoveryCache, resourcesFromList } from "./_discovery.ts";
import { retitle, statusFromBody, unknownKindError, unreachableError } from "./_errors.ts";
import { applyBody, asObject, collectionHead, headOf, listPage, parseBody } from "./_objects.ts";
import { groupVersionPath, resourcePath, withQuery } from "./_paths.ts";
import { type RetryPolicy, withRetries } from "./_retry.ts";
import { AdaptiveLimit, type RequestSignal } from "./_adaptive_limit.ts";
import { startWatch } from "./_watch.ts";
import type { Transport } from "./_native_fetch.ts";
import { openTransport } from "./_transport.ts";
import type { KubeConfigView } from "./kubeconfig_view.ts";
import { asPermissionError, hostPortOf, permissionError } from "../permissions/mod.ts";

interface HttpRequest {
  method: "GET" | "PATCH" | "DELETE";
  path: string;
  body?: string;
  contentType?: string;
}

interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  stream?: ReadableStream<Uint8Array> | null;
}

/** Server-side watch timeout; the session reconnects after it. */
const WATCH_SECONDS = 290;

function ok(status: number): boolean {
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

/**
 * The real cluster: discovery with a cache, server-side apply (field manager
 * `nopea`), merge/JSON patch, list, delete and watch over the client's HTTPS and
 * auth set-up; transient faults are retried with jittered backoff.
 *
 * @example A cluster that is not there is `KUBE_UNREACHABLE`
 * ```ts
 * import { KubeCluster, loadKubeConfig } from "@nopea/nopea";
 * import { rejects } from "node:assert/strict";
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const port = listener.addr.port;
 * listener.close();
 * const file = await Deno.makeTempFile();
 * await Deno.writeTextFile(file, `
 * clusters: [{ name: c, cluster: { server: "https://127.0.0.1:${port}" } }]
 * users: [{ name: u, user: { token: t } }]
 * contexts: [{ name: x, context: { cluster: c, user: u } }]
 * current-context: x
 * `);
 * const cluster = new KubeCluster(loadKubeConfig({ kubeconfig: file, env: {} }), { retries: 0 });
 * await rejects(cluster.discover("v1", "ConfigMap"), (e: Error & { code?: string }) => e.code === "KUBE_UNREACHABLE");
 * await cluster.close();
 * await Deno.remove(file);
 * ```
 */
export class KubeCluster implements ClusterPort {
  /** The API server URL. */
  readonly server: string;
  readonly #kc: KubeConfigView;
  readonly #namespace: string;
  readonly #slots: AdaptiveLimit;
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #log: Logger;
  readonly #discovery = new DiscoveryCache((apiVersion) => this.#loadResources(apiVersion));
  #transport: Promise<Transport> | undefined;

  /**
   * A client for the cluster of the kubeconfig's current context; nothing is sent until the
   * first call. `kc` is what `loadKubeConfig` returns, or a `@kubernetes/client-node`
   * `KubeConfig`; client-node is loaded only when the context needs it (exec plugins, auth
   * providers, proxies, `insecure-skip-tls-verify`, `tls-server-name`).
   *
   * @throws {NopeaError} `KUBECONFIG_INVALID` when the context has no cluster or uses plain http.
   */
  constructor(kc: KubeConfigView, options: KubeClusterOptions = {}) {
    const settings = settingsOf(options);
    this.server = serverOf(kc);
    this.#kc = kc;
    this.#namespace = currentNamespace(kc);
    this.#slots = new AdaptiveLimit(settings.concurrency);
    this.#timeoutMs = settings.timeoutMs;
    this.#log = settings.log;
    this.#policy = settings.policy;
  }

  /** Resolves a kind through discovery (cached per apiVersion; reloaded on a miss). */
  discover(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.#discovery.find(apiVersion, kind);
  }

  /** Reads an object; `undefined` on 404. */
  async get(key: ResourceKey): Promise<KubeObject | undefined> {
    const { info, target } = await this.#target("get", key);
    const res = await this.#send({ method: "GET", path: resourcePath(info, target) });
    if (res.status === 404) return undefined;
    return this.#object(res, { verb: "get", key: target }, key.kind);
  }

  /** Lists objects, following `continue` pages. */
  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<KubeObject[]> {
    const head = collectionHead("list", kind, options.namespace);
    const info = await this.#resolve(apiVersion, kind, head);
    const items: KubeObject[] = [];
    let next: string | undefined;
    do {
      const page = await this.#page(info, options, head, { limit: 500, continue: next });
      items.push(...page.items);
      next = page.next;
    } while (next);
    return items;
  }

  /** Server-side apply (`application/apply-patch+yaml`, field manager `nopea` by default). */
  async apply(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const { info, target } = await this.#target("apply", keyOf(obj));
    if (!target.name) {
      throw new NopeaError("KUBE_INVALID", `Cannot apply ${obj.kind}: metadata.name is empty`, {
        hint: "Server-side apply needs metadata.name (generateName is not supported)",
      });
    }
    const path = withQuery(resourcePath(info, target), {
      fieldManager: options.fieldManager ?? "nopea",
      force: options.force === true,
      dryRun: options.dryRun ? "All" : undefined,
    });
    const body = applyBody(obj);
    const contentType = "application/apply-patch+yaml";
    const res = await this.#send({ method: "PATCH", path, body, contentType });
    return this.#object(res, { verb: "apply", key: target }, obj.kind);
  }

  /** Merge patch (default) or JSON patch, of the object or its `status`. */
  async patch(key: ResourceKey, patch: unknown, options: PatchOptions = {}): Promise<KubeObject> {
    const { info, target } = await this.#target("patch", key);
    const path = withQuery(resourcePath(info, { ...target, subresource: options.subresource }), {
      fieldManager: options.fieldManager ?? "nopea",
      dryRun: options.dryRun ? "All" : undefined,
    });
    const contentType = options.type === "json"
      ? "application/json-patch+json"
      : "application/merge-patch+json";
    const res = await this.#send({
      method: "PATCH",
      path,
      body: JSON.stringify(patch),
      contentType,
    });
    return this.#object(res, { verb: "patch", key: target }, key.kind);
  }

  /** Deletes an object; `false` on 404 or when the kind is not served. */
  async delete(key: ResourceKey, options: DeleteOptions = {}): Promise<boolean> {
    const info = await this.discover(key.apiVersion, key.kind);
    if (!info) return false;
    const target = { ...key, ...this.#scope(info, key.namespace) };
    const path = withQuery(resourcePath(info, target), {
      propagationPolicy: options.propagationPolicy,
      dryRun: options.dryRun ? "All" : undefined,
    });
    const body = options.preconditions
      ? JSON.stringify({
        apiVersion: "v1",
        kind: "DeleteOptions",
        preconditions: options.preconditions,
      })
      : undefined;
    const res = await this.#send({ method: "DELETE", path, ...(body ? { body } : {}) });
    if (res.status === 404) return false;
    if (ok(res.status)) return true;
    throw errorFromStatus(statusFromBody(res.status, res.text), { verb: "delete", key: target });
  }

  /** Lists for a starting version, then streams changes; resumes after drops, relists on 410. */
  async watch(
    apiVersion: string,
    kind: string,
    options: ListOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    const head = collectionHead("watch", kind, options.namespace);
    const info = await this.#resolve(apiVersion, kind, head);
    const selectors = {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    const collection = resourcePath(info, { namespace: options.namespace });
    return startWatch({
      apiVersion,
      kind,
      backoff: this.#policy,
      sleep: this.#policy.sleep,
      log: this.#log,
      resourceVersion: async () =>
        (await this.#page(info, options, head, { limit: 1 })).resourceVersion,
      open: async (resourceVersion, signal) => {
        const path = withQuery(collection, {
          ...selectors,
          watch: true,
          resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: WATCH_SECONDS,
        });
        const res = await this.#send({ method: "GET", path }, signal);
        if (res.status === 200 && res.stream) return res.stream;
        throw retitle(
          errorFromStatus(statusFromBody(res.status, res.text), { verb: "watch" }),
          "watch",
          head,
        );
      },
    }, onEvent);
  }

  /** Closes the connections this cluster opened (open watches end). */
  async close(): Promise<void> {
    const transport = this.#transport;
    this.#transport = undefined;
    await (await transport)?.close();
  }

  async #loadResources(apiVersion: string): Promise<ResourceInfo[] | undefined> {
    const res = await this.#send({ method: "GET", path: groupVersionPath(apiVersion) });
    if (res.status === 404) return undefined;
    const head = `Cannot discover the resources of "${apiVersion}"`;
    if (!ok(res.status)) {
      throw retitle(
        errorFromStatus(statusFromBody(res.status, res.text), { verb: "discover" }),
        "discover",
        head,
      );
    }
    return resourcesFromList(apiVersion, parseBody(res.text, head));
  }

  async #resolve(apiVersion: string, kind: string, head: string): Promise<ResourceInfo> {
    const info = await this.discover(apiVersion, kind);
    if (!info) throw unknownKindError(head, apiVersion, kind);
    return info;
  }

  /** The resource of a key and the key with its namespace settled (defaulted or dropped). */
  async #target(verb: StatusContext["verb"], key: ResourceKey) {
    const info = await this.#resolve(key.apiVersion, key.kind, headOf(verb, key));
    const { namespace: _given, ...rest } = key;
    return { info, target: { ...rest, ...this.#scope(info, key.namespace) } as ResourceKey };
  }

  #scope(info: ResourceInfo, namespace: string | undefined): { namespace?: string } {
    return info.namespaced ? { namespace: namespace || this.#namespace } : {};
  }

  async #page(
    info: ResourceInfo,
    options: ListOptions,
    head: string,
    paging: { limit: number; continue?: string | undefined },
  ) {
    const path = withQuery(resourcePath(info, { namespace: options.namespace }), {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      ...paging,
    });
    const res = await this.#send({ method: "GET", path });
    if (!ok(res.status)) {
      throw retitle(
        errorFromStatus(statusFromBody(res.status, res.text), { verb: "list" }),
        "list",
        head,
      );
    }
    const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
    return listPage(parseBody(res.text, head), apiVersion, info.kind, head);
  }

  #object(res: HttpResponse, ctx: StatusContext & { key: ResourceKey }, kind: string): KubeObject {
    if (!ok(res.status)) throw errorFromStatus(statusFromBody(res.status, res.text), ctx);
    const head = headOf(ctx.verb, ctx.key);
    return asObject(parseBody(res.text, head), ctx.key.apiVersion, kind, head);
  }

  /** One request with retries; transport failures become `KUBE_UNREACHABLE`. */
  async #send(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    try {
      return await withRetries(
        () => this.#exchange(req, signal),
        this.#policy,
        (notice) =>
          this.#log.log("debug", "Retrying a cluster request", {
            method: req.method,
            path: req.path,
            ...notice,
          }),
      );
    } catch (error) {
      if (isNopeaError(error) || signal?.aborted) throw error;
      const refused = asPermissionError(error);
      if (refused?.details?.["permission"] === "net") {
        const host = hostPortOf(this.server) ?? this.server;
        throw permissionError("net", host, "the cluster's API server", error);
      }
      if (refused) throw refused;
      throw unreachableError(this.server, error, { method: req.method, path: req.path });
    }
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
      const transport = await (this.#transport ??= openTransport(this.#kc, this.server));
      const res = await transport.exchange(this.server, req, abort, signal !== undefined);
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
