/** KubeCluster: the ClusterPort over HTTPS (Deno's fetch; retries, bounded concurrency). */
import { NopeaError } from "../shared/mod.ts";
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
import { errorFromStatus } from "./status_error.ts";
import { currentNamespace, serverOf } from "./current_context.ts";
import { type KubeClusterOptions, settingsOf } from "./kube_cluster_options.ts";
import { DiscoveryCache } from "./_discovery.ts";
import { statusFromBody } from "./_errors.ts";
import { collectionHead } from "./_objects.ts";
import { resourcePath } from "./_paths.ts";
import { startWatch } from "./_watch.ts";
import type { KubeConfigView } from "./kubeconfig_view.ts";
import { HttpSession, ok } from "./_http_session.ts";
import { loadResources, objectOf, readAllPages, watchSource } from "./_reads.ts";
import { applyRequest, deleteRequest, patchRequest, ResourceTargets } from "./_requests.ts";

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
  readonly #session: HttpSession;
  readonly #targets: ResourceTargets;
  readonly #discovery = new DiscoveryCache((apiVersion) =>
    loadResources(this.#session, apiVersion)
  );

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
    const namespace = currentNamespace(kc);
    this.#session = new HttpSession(kc, this.server, settings);
    this.#targets = new ResourceTargets(
      (apiVersion, kind) => this.discover(apiVersion, kind),
      namespace,
    );
  }

  /** Resolves a kind through discovery (cached per apiVersion; reloaded on a miss). */
  discover(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.#discovery.find(apiVersion, kind);
  }

  /** Reads an object; `undefined` on 404. */
  async get(key: ResourceKey): Promise<KubeObject | undefined> {
    const { info, target } = await this.#targets.target("get", key);
    const res = await this.#session.send({ method: "GET", path: resourcePath(info, target) });
    if (res.status === 404) return undefined;
    return objectOf(res, { verb: "get", key: target }, key.kind);
  }

  /** Lists objects, following `continue` pages. */
  async list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<KubeObject[]> {
    const head = collectionHead("list", kind, options.namespace);
    const info = await this.#targets.resolve(apiVersion, kind, head);
    return await readAllPages(this.#session, info, options, head);
  }

  /** Server-side apply (`application/apply-patch+yaml`, field manager `nopea` by default). */
  async apply(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const { info, target } = await this.#targets.target("apply", keyOf(obj));
    if (!target.name) {
      throw new NopeaError("KUBE_INVALID", `Cannot apply ${obj.kind}: metadata.name is empty`, {
        hint: "Server-side apply needs metadata.name (generateName is not supported)",
      });
    }
    const res = await this.#session.send(applyRequest(info, target, obj, options));
    return objectOf(res, { verb: "apply", key: target }, obj.kind);
  }

  /** Merge patch (default) or JSON patch, of the object or its `status`. */
  async patch(key: ResourceKey, patch: unknown, options: PatchOptions = {}): Promise<KubeObject> {
    const { info, target } = await this.#targets.target("patch", key);
    const res = await this.#session.send(patchRequest(info, target, patch, options));
    return objectOf(res, { verb: "patch", key: target }, key.kind);
  }

  /** Deletes an object; `false` on 404 or when the kind is not served. */
  async delete(key: ResourceKey, options: DeleteOptions = {}): Promise<boolean> {
    const info = await this.discover(key.apiVersion, key.kind);
    if (!info) return false;
    const target = { ...key, ...this.#targets.scope(info, key.namespace) };
    const res = await this.#session.send(deleteRequest(info, target, options));
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
    const info = await this.#targets.resolve(apiVersion, kind, head);
    const source = watchSource(this.#session, info, options, head);
    return startWatch({ apiVersion, kind, ...source }, onEvent);
  }

  /** Closes the connections this cluster opened (open watches end). */
  close(): Promise<void> {
    return this.#session.close();
  }
}
