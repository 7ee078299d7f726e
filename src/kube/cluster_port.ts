/** ClusterPort: what Nopea needs from a Kubernetes cluster. */
import type { KubeObject, ResourceKey } from "../manifests/mod.ts";

/** What discovery knows about one resource type. */
export interface ResourceInfo {
  /** The API group; `""` for the core group. */
  group: string;
  /** The API version within the group (`v1`). */
  version: string;
  /** The kind (`Deployment`). */
  kind: string;
  /** The plural resource name used in URLs (`deployments`). */
  plural: string;
  /** Whether objects of this type live in a namespace. */
  namespaced: boolean;
  /** Subresources served (`status`, `scale`). */
  subresources: readonly string[];
}

/** Options of {@linkcode ClusterPort.apply}. */
export interface ApplyOptions {
  /** Field manager name. @default "nopea" */
  fieldManager?: string;
  /** Take ownership of fields other managers own (`force=true`). @default false */
  force?: boolean;
  /** Server-side dry run (`dryRun=All`): nothing is persisted. @default false */
  dryRun?: boolean;
}

/** Options of {@linkcode ClusterPort.patch}. */
export interface PatchOptions {
  /** `merge` = RFC 7386 JSON merge patch; `json` = RFC 6902 JSON patch. @default "merge" */
  type?: "merge" | "json";
  /** Patch the `status` subresource instead of the main resource. */
  subresource?: "status";
  /** Server-side dry run (`dryRun=All`): nothing is persisted. @default false */
  dryRun?: boolean;
  /** Field manager name. @default "nopea" */
  fieldManager?: string;
}

/** Options of {@linkcode ClusterPort.delete}. */
export interface DeleteOptions {
  /** How dependents are deleted; the server's default for the kind when absent. */
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  /** Server-side dry run (`dryRun=All`): nothing is deleted. @default false */
  dryRun?: boolean;
  /**
   * Delete only the object with this uid and resourceVersion: otherwise the server answers
   * 409 and nothing is deleted (`KUBE_CONFLICT`).
   */
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Which objects a list or a watch covers. */
export interface ListOptions {
  /** Namespace; all namespaces when absent (for namespaced kinds). */
  namespace?: string;
  /** A label selector (`app=web,tier!=db`). */
  labelSelector?: string;
  /** A field selector (`metadata.name=api`). */
  fieldSelector?: string;
}

/** One event of a watch. */
export interface WatchEvent {
  /** What happened to the object. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object after the change (its last state, for `DELETED`). */
  object: KubeObject;
}

/** A running watch; `stop()` ends it. `done` settles when the watch ends. */
export interface WatchHandle {
  /** Ends the watch. */
  stop(): void;
  /** Settles when the watch has ended. */
  readonly done: Promise<void>;
}

/**
 * The cluster, as the engine sees it. "Not found" is a value (`undefined` / `false`),
 * every other failure is a `NopeaError` with a `KUBE_*` code.
 */
export interface ClusterPort {
  /** Resolves a kind to its resource; `undefined` when the cluster does not serve it. */
  discover(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
  /** Returns the live object, or `undefined` if it does not exist. */
  get(key: ResourceKey): Promise<KubeObject | undefined>;
  /** Lists objects of a kind. */
  list(apiVersion: string, kind: string, options?: ListOptions): Promise<KubeObject[]>;
  /** Server-side apply; returns the object as stored (or as it would be, on dry run). */
  apply(obj: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  /** Merge or JSON patch; returns the patched object. */
  patch(key: ResourceKey, patch: unknown, options?: PatchOptions): Promise<KubeObject>;
  /** Deletes an object; returns `false` if there was nothing to delete. */
  delete(key: ResourceKey, options?: DeleteOptions): Promise<boolean>;
  /** Watches a kind; `onEvent` is called for every change after the start. */
  watch(
    apiVersion: string,
    kind: string,
    options: ListOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle>;
}
