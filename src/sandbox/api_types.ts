/** The sandbox's API layer, independent of HTTP: what the HTTP door and the in-process door call. */
import type { JsonObject, ResourceType } from "./types.ts";

/** Which resource (and object) a request addresses. */
export interface RequestScope {
  /** API group; `""` for core. */
  group: string;
  /** API version (`v1`). */
  version: string;
  /** Plural resource name, as in URLs (`deployments`). */
  plural: string;
  /** Absent for cluster-scoped kinds, or for list/watch across all namespaces. */
  namespace?: string;
  /** The object's name; absent for collection requests (list, watch, create). */
  name?: string;
  /** The subresource addressed; absent for the main resource. */
  subresource?: "status" | "scale";
}

/** Options common to every write. */
export interface WriteOptions {
  /** `dryRun=All`: run every stage, persist nothing, return what would be stored. */
  dryRun?: boolean;
  /** `fieldManager`; required for apply, defaulted for other writes. */
  fieldManager?: string;
  /** `force=true`; apply only. */
  force?: boolean;
}

/** Options of list and watch. */
export interface ListQuery {
  /** A label selector (`app=web,tier!=db`). */
  labelSelector?: string;
  /** A field selector (`metadata.name=api`). */
  fieldSelector?: string;
  /** Watch: start after this resourceVersion ("" or "0" = from now, with ADDED for current objects). */
  resourceVersion?: string;
  /** Page size of a list; all objects when absent. */
  limit?: number;
  /** The `metadata.continue` token of the previous page. */
  continue?: string;
}

/** The patch content types the sandbox accepts. */
export type PatchType = "apply" | "merge" | "json" | "strategic";

/** One watch event as sent on the wire. */
export interface WireWatchEvent {
  /** The event type; `BOOKMARK` and `ERROR` as the real server sends them. */
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  /** The object (a `Status` for `ERROR`). */
  object: JsonObject;
}

/** One API group with its served versions, for discovery. */
export interface ApiGroupInfo {
  /** The group name; `""` for core. */
  group: string;
  /** Served versions, preferred first. */
  versions: readonly string[];
  /** The version clients should use. */
  preferredVersion: string;
}

/** What discovery and the HTTP door need from the resource registry. */
export interface ResourceRegistry {
  /** Every served resource type (builtins and Established CRD versions). */
  all(): ResourceType[];
  /** Groups with their served versions, core group `""` first. */
  groups(): ApiGroupInfo[];
  /** The type served at `group/version/plural`, or `undefined`. */
  find(group: string, version: string, plural: string): ResourceType | undefined;
  /** The type of `kind` in `group/version`, or `undefined`. */
  findKind(group: string, version: string, kind: string): ResourceType | undefined;
}

/**
 * The API verbs. Every failure is thrown as a `StatusError` carrying the real
 * server's code, reason, message and details.
 */
export interface SandboxApi {
  /** The served resource types, for discovery. */
  readonly registry: ResourceRegistry;
  /** GET; returns the stored object. */
  get(scope: RequestScope): JsonObject;
  /** A `<Kind>List` object with `metadata.resourceVersion`. */
  list(scope: RequestScope, query?: ListQuery): JsonObject;
  /** POST; returns the stored object. */
  create(scope: RequestScope, body: JsonObject, options?: WriteOptions): JsonObject;
  /** PUT; `metadata.resourceVersion`, when set, must match (409 otherwise). */
  replace(scope: RequestScope, body: JsonObject, options?: WriteOptions): JsonObject;
  /** PATCH; `created` is true when an apply created the object (HTTP 201). */
  patch(
    scope: RequestScope,
    type: PatchType,
    body: unknown,
    options?: WriteOptions,
  ): { object: JsonObject; created: boolean };
  /**
   * Loads what a write of `scope`'s kind is checked with (the kind's schema validator), once;
   * doors await it before create, replace and patch. Writes of kinds not prepared skip that check.
   */
  prepareWrite?(scope: RequestScope): Promise<void>;
  /** DELETE; returns the object as it was. */
  delete(scope: RequestScope, options?: DeleteRequestOptions): JsonObject;
  /** Starts a watch; returns a function that stops it. */
  watch(
    scope: RequestScope,
    query: ListQuery,
    onEvent: (event: WireWatchEvent) => void,
  ): () => void;
}

/** Options of a DELETE: dry run, propagation, and the preconditions the object must meet. */
export interface DeleteRequestOptions {
  /** Nothing is deleted; the object is returned as it is. */
  dryRun?: boolean;
  /** `Foreground`, `Background` (default) or `Orphan`. */
  propagationPolicy?: string;
  /** The uid and resourceVersion the live object must have, else 409 Conflict. */
  preconditions?: { uid?: string; resourceVersion?: string };
}
