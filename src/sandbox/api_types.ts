/** The sandbox's API layer, independent of HTTP: what the HTTP door and the in-process door call. */
import type { JsonObject, ResourceType } from "./types.ts";

/** Which resource (and object) a request addresses. */
export interface RequestScope {
  group: string;
  version: string;
  plural: string;
  /** Absent for cluster-scoped kinds, or for list/watch across all namespaces. */
  namespace?: string;
  name?: string;
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
  labelSelector?: string;
  fieldSelector?: string;
  /** Watch: start after this resourceVersion ("" or "0" = from now, with ADDED for current objects). */
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

/** The patch content types the sandbox accepts. */
export type PatchType = "apply" | "merge" | "json" | "strategic";

/** One watch event as sent on the wire. */
export interface WireWatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: JsonObject;
}

/** One API group with its served versions, for discovery. */
export interface ApiGroupInfo {
  group: string;
  versions: readonly string[];
  preferredVersion: string;
}

/** What discovery and the HTTP door need from the resource registry. */
export interface ResourceRegistry {
  /** Every served resource type (builtins and Established CRD versions). */
  all(): ResourceType[];
  /** Groups with their served versions, core group `""` first. */
  groups(): ApiGroupInfo[];
  find(group: string, version: string, plural: string): ResourceType | undefined;
  findKind(group: string, version: string, kind: string): ResourceType | undefined;
}

/**
 * The API verbs. Every failure is thrown as a `StatusError` carrying the real
 * server's code, reason, message and details.
 */
export interface SandboxApi {
  readonly registry: ResourceRegistry;
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
  /** DELETE; returns the object as it was. */
  delete(
    scope: RequestScope,
    options?: { dryRun?: boolean; propagationPolicy?: string },
  ): JsonObject;
  /** Starts a watch; returns a function that stops it. */
  watch(
    scope: RequestScope,
    query: ListQuery,
    onEvent: (event: WireWatchEvent) => void,
  ): () => void;
}
