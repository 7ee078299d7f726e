/** SandboxCluster: the in-process door, a ClusterPort over a SandboxApi (no HTTP). */
import {
  type ApplyOptions,
  type ClusterPort,
  type DeleteOptions,
  errorFromStatus,
  type ListOptions,
  type PatchOptions,
  type ResourceInfo,
  type StatusContext,
  type WatchEvent,
  type WatchHandle,
} from "../../kube/mod.ts";
import { type KubeObject, parseApiVersion, type ResourceKey } from "../../manifests/mod.ts";
import { NopeaError } from "../../shared/mod.ts";
import type { RequestScope, SandboxApi } from "../api_types.ts";
import { type JsonObject, type ResourceType, StatusError } from "../types.ts";

/** A ClusterPort verb, as {@linkcode SandboxCluster.failNext} names it. */
export type ClusterVerb = "get" | "list" | "apply" | "patch" | "delete" | "watch" | "discover";
type Verb = ClusterVerb;

function headOf(verb: Verb, key: { kind: string; name: string; namespace?: string }): string {
  const where = key.namespace ? ` in namespace "${key.namespace}"` : "";
  return `Cannot ${verb} ${key.kind} "${key.name}"${where}`;
}

function collectionHead(verb: Verb, kind: string, namespace: string | undefined): string {
  return `Cannot ${verb} ${kind}${namespace ? ` in namespace "${namespace}"` : ""}`;
}

/** A failure {@linkcode SandboxCluster.failNext} injects. */
export interface InjectedFailure {
  /** HTTP status code. */
  code: number;
  /** Status reason, e.g. `ServiceUnavailable`. */
  reason?: string;
  /** Status message. */
  message?: string;
}

/**
 * The sandbox cluster as a `ClusterPort`, calling the API layer directly: the fast door
 * for unit tests. Not-found is a value; every other failure is the `KUBE_*` NopeaError
 * that `errorFromStatus` makes of the server's Status.
 *
 * @example Apply and read back a ConfigMap
 * ```ts
 * import { SandboxCluster } from "@nopea/nopea/sandbox";
 * import { SandboxCore } from "@nopea/nopea/sandbox";
 * import { fixedClock } from "@nopea/nopea/testing";
 * import { equal } from "node:assert/strict";
 * const cluster = new SandboxCluster(new SandboxCore({ clock: fixedClock() }));
 * const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" }, data: { k: "v" } };
 * await cluster.apply(cm);
 * const live = await cluster.get({ apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a" });
 * equal(live?.metadata.managedFields?.[0]?.manager, "nopea");
 * ```
 */
export class SandboxCluster implements ClusterPort {
  readonly #api: SandboxApi;
  readonly #failures: { verb: Verb; failure: InjectedFailure }[] = [];

  /** The door to `api` (usually a `SandboxCore`). */
  constructor(api: SandboxApi) {
    this.#api = api;
  }

  /** Makes the next call of `verb` fail with `failure` (a fault knob for tests). */
  failNext(verb: ClusterVerb, failure: InjectedFailure): void {
    this.#failures.push({ verb, failure });
  }

  #type(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = parseApiVersion(apiVersion);
    return this.#api.registry.findKind(group, version, kind);
  }

  #resolve(head: string, apiVersion: string, kind: string): ResourceType {
    const type = this.#type(apiVersion, kind);
    if (type) return type;
    throw new NopeaError(
      "KUBE_NOT_FOUND_KIND",
      `${head}: the cluster does not serve kind "${kind}" in apiVersion "${apiVersion}"`,
      {
        hint: `Install the CustomResourceDefinition that defines "${kind}", or fix the ` +
          'apiVersion ("kubectl api-resources" lists what the cluster serves)',
        details: { apiVersion, kind },
      },
    );
  }

  #scope(type: ResourceType, namespace: string | undefined, name?: string): RequestScope {
    return {
      group: type.group,
      version: type.version,
      plural: type.plural,
      ...(type.namespaced ? { namespace: namespace || "default" } : {}),
      ...(name === undefined ? {} : { name }),
    };
  }

  /** The request scope of a key, and the key with its namespace settled (defaulted or dropped). */
  #settle(type: ResourceType, key: ResourceKey): { scope: RequestScope; key: ResourceKey } {
    const scope = this.#scope(type, key.namespace, key.name);
    const { namespace: _given, ...rest } = key;
    return { scope, key: scope.namespace ? { ...rest, namespace: scope.namespace } : rest };
  }

  #call<T>(ctx: StatusContext, run: () => T): T {
    const index = this.#failures.findIndex((f) => f.verb === ctx.verb);
    const injected = index >= 0 ? this.#failures.splice(index, 1)[0]?.failure : undefined;
    try {
      if (injected) {
        throw new StatusError(injected.code, injected.reason ?? "", injected.message ?? "");
      }
      return run();
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      const { code, reason, message, details } = error;
      throw errorFromStatus({ code, reason, message, ...(details ? { details } : {}) }, ctx);
    }
  }

  /** The resource serving a kind, or `undefined`. */
  discover(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const type = this.#type(apiVersion, kind);
    if (!type) return Promise.resolve(undefined);
    const subresources = [
      ...(type.statusSubresource ? ["status"] : []),
      ...(type.scaleSubresource ? ["scale"] : []),
    ];
    const { group, version, plural, namespaced } = type;
    return Promise.resolve({ group, version, kind, plural, namespaced, subresources });
  }

  /** The live object, or `undefined` on 404. */
  get(key: ResourceKey): Promise<KubeObject | undefined> {
    return new Promise((resolve) => {
      const type = this.#resolve(headOf("get", key), key.apiVersion, key.kind);
      try {
        const settled = this.#settle(type, key);
        resolve(
          this.#call(
            { verb: "get", key: settled.key },
            () => this.#api.get(settled.scope),
          ) as KubeObject,
        );
      } catch (error) {
        if (error instanceof NopeaError && error.code === "KUBE_NOT_FOUND") resolve(undefined);
        else throw error;
      }
    });
  }

  /** Objects of a kind, filtered by selectors. */
  list(apiVersion: string, kind: string, options: ListOptions = {}): Promise<KubeObject[]> {
    return new Promise((resolve) => {
      const type = this.#resolve(collectionHead("list", kind, options.namespace), apiVersion, kind);
      const scope = this.#scope(type, undefined);
      if (type.namespaced && options.namespace) scope.namespace = options.namespace;
      else delete scope.namespace;
      const list = this.#call({ verb: "list" }, () =>
        this.#api.list(scope, {
          ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
          ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
        }));
      resolve(list["items"] as KubeObject[]);
    });
  }

  /** Loads the kind's schema validator before its first write (see `SandboxApi.prepareWrite`). */
  async #prepare(apiVersion: string, kind: string): Promise<void> {
    const type = this.#type(apiVersion, kind);
    if (type) await this.#api.prepareWrite?.(this.#scope(type, undefined));
  }

  /** Server-side apply as `fieldManager` (default `nopea`). */
  async apply(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    await this.#prepare(obj.apiVersion, obj.kind);
    return await new Promise((resolve) => {
      const name = obj.metadata.name ?? "";
      const key = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      };
      const type = this.#resolve(headOf("apply", key), obj.apiVersion, obj.kind);
      const settled = this.#settle(type, key);
      const scope = settled.scope;
      const body: JsonObject = type.namespaced
        ? { ...obj, metadata: { ...obj.metadata, namespace: scope.namespace } }
        : obj;
      const result = this.#call(
        { verb: "apply", key: settled.key },
        () =>
          this.#api.patch(scope, "apply", body, {
            fieldManager: options.fieldManager ?? "nopea",
            force: options.force ?? false,
            dryRun: options.dryRun ?? false,
          }),
      );
      resolve(result.object as KubeObject);
    });
  }

  /** Merge (default) or JSON patch, optionally of `/status`. */
  async patch(key: ResourceKey, patch: unknown, options: PatchOptions = {}): Promise<KubeObject> {
    await this.#prepare(key.apiVersion, key.kind);
    return await new Promise((resolve) => {
      const type = this.#resolve(headOf("patch", key), key.apiVersion, key.kind);
      const settled = this.#settle(type, key);
      const scope: RequestScope = {
        ...settled.scope,
        ...(options.subresource ? { subresource: options.subresource } : {}),
      };
      const result = this.#call(
        { verb: "patch", key: settled.key },
        () =>
          this.#api.patch(scope, options.type ?? "merge", patch, {
            ...(options.dryRun ? { dryRun: true } : {}),
            ...(options.fieldManager ? { fieldManager: options.fieldManager } : {}),
          }),
      );
      resolve(result.object as KubeObject);
    });
  }

  /** Deletes an object; `false` when there was nothing to delete. */
  delete(key: ResourceKey, options: DeleteOptions = {}): Promise<boolean> {
    return new Promise((resolve) => {
      const type = this.#type(key.apiVersion, key.kind);
      if (!type) return resolve(false);
      const settled = this.#settle(type, key);
      try {
        this.#call(
          { verb: "delete", key: settled.key },
          () =>
            this.#api.delete(settled.scope, {
              ...(options.dryRun ? { dryRun: true } : {}),
              ...(options.propagationPolicy
                ? { propagationPolicy: options.propagationPolicy }
                : {}),
              ...(options.preconditions ? { preconditions: options.preconditions } : {}),
            }),
        );
        resolve(true);
      } catch (error) {
        if (error instanceof NopeaError && error.code === "KUBE_NOT_FOUND") resolve(false);
        else throw error;
      }
    });
  }

  /** Watches a kind from now on; `stop()` ends it and settles `done`. */
  watch(
    apiVersion: string,
    kind: string,
    options: ListOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    return new Promise((resolve) => {
      const type = this.#resolve(
        collectionHead("watch", kind, options.namespace),
        apiVersion,
        kind,
      );
      const scope = this.#scope(type, options.namespace);
      if (!(type.namespaced && options.namespace)) delete scope.namespace;
      const query = {
        ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
        ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
      };
      const stop = this.#call({ verb: "watch" }, () => {
        const from = this.#api.list(scope, { ...query, limit: 1 });
        const resourceVersion = String((from["metadata"] as JsonObject)["resourceVersion"]);
        return this.#api.watch(scope, { ...query, resourceVersion }, (e) => {
          if (e.type === "ADDED" || e.type === "MODIFIED" || e.type === "DELETED") {
            onEvent({ type: e.type, object: e.object as KubeObject });
          }
        });
      });
      let finish = () => {};
      const done = new Promise<void>((r) => finish = r);
      resolve({
        stop: () => {
          stop();
          finish();
        },
        done,
      });
    });
  }
}
